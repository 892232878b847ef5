import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ONBOARDING_LIMITS, checkZipBounds, parseCsv, readOnboardingTable } from "./onboarding-table";
import { KIND_MESSAGE, creationOrder, onboardingColumns, planOnboarding, type ExistingUnit } from "./onboarding-plan";
import { onboardingTemplateCsv, onboardingTemplateXlsx } from "./onboarding-template";

const header = [...onboardingColumns];
const existing: ExistingUnit[] = [
  { id: 1, name: "市直机关工委", kind: "committee", parentId: null },
  { id: 2, name: "市财政局机关党委", kind: "organ_committee", parentId: 1 },
];
const plan = (rows: string[][], usernames: string[] = ["unit1"]) =>
  planOnboarding({ table: [header, ...rows], units: existing, usernames: new Set(usernames) });
const csvBytes = (text: string) => new TextEncoder().encode(text);

describe("reading the file", () => {
  it("parses CSV with quotes, commas and line breaks inside quotes, CRLF and a BOM", async () => {
    expect(parseCsv('a,"b,1","c ""x"""\r\n"multi\nline",,z\n')).toEqual([
      ["a", "b,1", 'c "x"'],
      ["multi\nline", "", "z"],
    ]);
    const table = await readOnboardingTable("units.csv", csvBytes(`\uFEFF${header.join(",")}\r\n市直机关工委,某处党支部,党支部,,,\r\n,,,,,\r\n`));
    expect(table.rows).toEqual([header, ["市直机关工委", "某处党支部", "党支部", "", "", ""]]);
  });

  it("reads the GB18030 that Excel on Chinese Windows writes", async () => {
    // "单位名称" in GB18030 (GBK) bytes.
    const gbk = new Uint8Array([0xb5, 0xa5, 0xce, 0xbb, 0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a]);
    expect((await readOnboardingTable("x.csv", gbk)).rows).toEqual([["单位名称"]]);
  });

  it("refuses what is not a table or is over a limit", async () => {
    const refusal = (name: string, bytes: Uint8Array) => readOnboardingTable(name, bytes).then(() => null, (e: { rule?: string }) => e.rule);
    expect(await refusal("a.csv", new Uint8Array())).toBe("ONBOARDING_EMPTY");
    expect(await refusal("a.docx", csvBytes("x"))).toBe("ONBOARDING_UNSUPPORTED");
    expect(await refusal("a.csv", new Uint8Array([65, 0, 66]))).toBe("ONBOARDING_UNSUPPORTED");
    expect(await refusal("a.csv", new Uint8Array(ONBOARDING_LIMITS.maxBytes + 1).fill(65))).toBe("ONBOARDING_TOO_LARGE");
    expect(await refusal("a.csv", csvBytes("a\n".repeat(ONBOARDING_LIMITS.maxRows + 2)))).toBe("ONBOARDING_TOO_MANY_ROWS");
    expect(await refusal("a.csv", csvBytes(`${"a,".repeat(ONBOARDING_LIMITS.maxColumns)}a\n`))).toBe("ONBOARDING_TOO_MANY_COLUMNS");
    expect(await refusal("a.csv", csvBytes(`${"字".repeat(ONBOARDING_LIMITS.maxCellChars + 1)}\n`))).toBe("ONBOARDING_CELL_TOO_LONG");
    expect(await refusal("a.csv", csvBytes('"open,quote\n'))).toBe("ONBOARDING_CSV_QUOTE");
    expect(await refusal("a.xlsx", csvBytes("not a zip at all, just text"))).toBe("ONBOARDING_CORRUPT");
  });

  it("reads a real .xlsx written by exceljs, and the template in both formats", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("单位");
    sheet.addRow(header);
    sheet.addRow(["市财政局机关党委", "预算处党支部", "党支部", "ys-liaison", "预算联络员", "基层单位联络员"]);
    sheet.addRow([]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = await readOnboardingTable("units.xlsx", bytes);
    expect(table.rows).toEqual([header, ["市财政局机关党委", "预算处党支部", "党支部", "ys-liaison", "预算联络员", "基层单位联络员"]]);

    expect((await readOnboardingTable("t.xlsx", new Uint8Array(await onboardingTemplateXlsx()))).rows).toEqual([header]);
    expect((await readOnboardingTable("t.csv", csvBytes(onboardingTemplateCsv()))).rows).toEqual([header]);
  });

  it("refuses an archive that declares more than the bound before unpacking it", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("单位").addRow(header);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    // Raise the first entry's declared unpacked size in the central directory.
    const view = new DataView(bytes.buffer);
    let end = bytes.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    const central = view.getUint32(end + 16, true);
    view.setUint32(central + 24, ONBOARDING_LIMITS.maxUnpackedBytes + 1, true);
    expect(() => checkZipBounds(bytes)).toThrow(expect.objectContaining({ rule: "ONBOARDING_TOO_LARGE" }));
  });
});

describe("checking the rows", () => {
  it("plans a good file: parents in the file or in the system, liaisons with roles", () => {
    const result = plan([
      ["市财政局机关党委", "预算处党支部", "党支部", "ys1", "预算联络员", ""],
      ["市直机关工委", "市教育局机关党委", "机关党委", "", "", ""],
      ["市教育局机关党委", "基础教育处党支部", "党支部", "jc1", "基教联络员", "基层单位联络员"],
      ["市教育局机关党委", "教育局办公室党支部", "党支部", "bgs1", "办公室", "只读"],
    ]);
    expect(result.errors).toEqual({});
    expect(result.rows.map((r) => r.parent)).toEqual([{ unitId: 2 }, { unitId: 1 }, { row: 1 }, { row: 1 }]);
    expect(result.rows.map((r) => r.liaison?.role ?? null)).toEqual(["submitter", null, "submitter", "viewer"]);
    expect(creationOrder(result.rows)).toEqual([0, 1, 2, 3]);
  });

  it("orders a child listed before its parent after it", () => {
    const result = plan([
      ["市教育局机关党委", "基础教育处党支部", "党支部", "", "", ""],
      ["市直机关工委", "市教育局机关党委", "机关党委", "", "", ""],
    ]);
    expect(result.errorCount).toBe(0);
    expect(creationOrder(result.rows)).toEqual([1, 0]);
  });

  it("reports every kind of error on its row, each once", () => {
    const result = plan([
      ["市财政局机关党委", "预算处党支部", "党小组", "ys1", "预算", ""], // 0: kind
      ["市财政局机关党委", "预算处党支部", "党支部", "ys2", "预算二", ""], // 1: duplicate name
      ["不存在的机关党委", "某处党支部", "党支部", "", "", ""], // 2: unknown parent
      ["市财政局机关党委", "用户名有误党支部", "党支部", "张三", "张三", ""], // 3: username rule
      ["市财政局机关党委", "重复用户名党支部", "党支部", "ys1", "重复", ""], // 4: duplicate username
      ["市财政局机关党委", "已有用户名党支部", "党支部", "unit1", "已有", "领导"], // 5: existing username, role
      ["用户名有误党支部", "支部下的支部", "党支部", "", "", ""], // 6: kind under kind
      ["", "", "", "", "联络员", ""], // 7: empty row with a name but no username
      ["市直机关工委", "市财政局机关党委", "机关党委", "x", "", ""], // 8: existing unit, short username, no display name
    ]);
    expect(result.errors).toEqual({
      "rows.0.kind": [`${KIND_MESSAGE}，不能是“党小组”`],
      "rows.1.name": ["单位名称“预算处党支部”与第 2 行重复"],
      "rows.2.parent": ["找不到上级单位“不存在的机关党委”：它既不在本文件中，也不在系统中"],
      "rows.3.username": ["用户名只能用字母、数字、下划线（_）、点（.）和连字符（-）"],
      "rows.4.username": ["用户名“ys1”与第 2 行重复"],
      "rows.5.username": ["用户名“unit1”已存在"],
      "rows.5.role": ["报告中的角色只能是基层单位联络员、起草组成员、审核人或只读（不填即为基层单位联络员）"],
      "rows.6.parent": ["党支部不能设在党支部之下"],
      "rows.7.name": ["请填写单位名称"],
      "rows.7.kind": [KIND_MESSAGE],
      "rows.7.parent": ["请填写上级单位"],
      "rows.7.username": ["填写了联络员姓名或角色，请同时填写联络员用户名"],
      "rows.8.name": ["系统中已有单位“市财政局机关党委”"],
      "rows.8.username": ["用户名至少 2 个字符"],
      "rows.8.displayName": ["请填写联络员姓名"],
    });
    expect(result.errorCount).toBe(15);
  });

  it("asks for the template's header", () => {
    const result = planOnboarding({ table: [["名称", "类型"], ["a", "b"]], units: existing, usernames: new Set() });
    expect(result.errors).toEqual({ file: ["第 1 行应是表头，缺少列：上级单位、单位名称、单位类型（请使用下载的模板）"] });
    expect(planOnboarding({ table: [header], units: existing, usernames: new Set() }).errors.file).toEqual(["文件中没有单位：请从第 2 行起每行填写一个单位"]);
  });
});
