/**
 * The demo workspace: a survey of grassroots party organisations in municipal organs.
 * Figures come from the customer's survey; every sentence here is the project's own.
 */
import { count, eq } from "drizzle-orm";
import { hashPassword } from "../../server/auth/password";
import type { SuggestionState } from "../../server/domain/suggestion-lifecycle";
import type { Db, DbOrTx } from "../client";
import {
  documents,
  findings,
  reportMembers,
  reports,
  suggestionEvents,
  suggestionFindings,
  suggestions,
  units,
  users,
} from "../schema";
import type { UnitKind, FindingKind, MemberRole } from "../../server/domain/roles";
import * as Y from "yjs";
import { appendDocumentUpdates } from "../document-store";
import { blocksToYjsUpdate, type DocumentBlock } from "./document-blocks";

export const DEMO_PASSWORD = "jianyan-demo";

export const demoAccounts = [
  { username: "admin", displayName: "管理员", isAdmin: true },
  { username: "drafter1", displayName: "王起草", isAdmin: false },
  { username: "drafter2", displayName: "李文稿", isAdmin: false },
  { username: "reviewer1", displayName: "赵审核", isAdmin: false },
  { username: "reviewer2", displayName: "钱把关", isAdmin: false },
  { username: "unit1", displayName: "孙联络", isAdmin: false },
  { username: "unit2", displayName: "周联络", isAdmin: false },
  { username: "viewer1", displayName: "吴阅读", isAdmin: false },
] as const;

type UnitSeed = { name: string; kind: UnitKind; children?: UnitSeed[] };

const unitTree: UnitSeed = {
  name: "市直机关工委",
  kind: "committee",
  children: [
    {
      name: "市财政局机关党委",
      kind: "organ_committee",
      children: [
        { name: "市财政局预算处党支部", kind: "branch" },
        { name: "市财政局国库处党支部", kind: "branch" },
        { name: "市财政局综合处党支部", kind: "branch" },
      ],
    },
    {
      name: "市发展和改革委员会机关党委",
      kind: "organ_committee",
      children: [
        { name: "市发改委规划处党支部", kind: "branch" },
        { name: "市发改委价格处党支部", kind: "branch" },
      ],
    },
    {
      name: "市教育局党总支",
      kind: "general_branch",
      children: [
        { name: "市教育局基础教育处党支部", kind: "branch" },
        { name: "市教育局职业教育处党支部", kind: "branch" },
      ],
    },
    {
      name: "市人力资源和社会保障局党总支",
      kind: "general_branch",
      children: [
        { name: "市人社局就业促进处党支部", kind: "branch" },
        { name: "市人社局社会保险处党支部", kind: "branch" },
      ],
    },
    {
      name: "市市场监督管理局机关党委",
      kind: "organ_committee",
      children: [
        { name: "市市场监管局登记注册处党支部", kind: "branch" },
        { name: "市市场监管局执法稽查处党支部", kind: "branch" },
      ],
    },
    { name: "市环境卫生管理中心党支部", kind: "branch" },
  ],
};

type FindingSeed = { kind: FindingKind; number: number; title: string; summary: string; evidence?: string };

/** Parts one and two of the survey, restated. */
export const demoFindings: FindingSeed[] = [
  {
    kind: "fact",
    number: 1,
    title: "调研范围与方法",
    summary: "面向市直机关各部门、单位发放问卷，并实地走访、分层座谈，重点了解组织作用、组织生活、党务队伍和思想教育情况。",
    evidence: "发放问卷138份，覆盖60个部门、单位；走访26个部门、单位党组织；召开座谈会22场次。",
  },
  {
    kind: "fact",
    number: 2,
    title: "组织设置",
    summary: "工委下辖市直机关61个部门、单位党组织。",
    evidence: "机关党委6个，党总支20个，党支部160个。",
  },
  {
    kind: "fact",
    number: 3,
    title: "党员队伍构成",
    summary: "党员总数3163人，在职党员占大多数，学历层次较高，青年党员比例不足两成。",
    evidence:
      "在职2462人、离退休701人；女性党员757人（23.9%）；少数民族党员1079人（34.1%）；大专以上学历2097人（66.3%）；35岁以下623人（19.7%）。",
  },
  {
    kind: "practice",
    number: 1,
    title: "党员教育形式持续创新",
    summary: "每月升国旗、规范落实“三会一课”，领导干部和支部书记带头讲党课，并借助电化教育和党校师资开展专题教育。",
  },
  {
    kind: "practice",
    number: 2,
    title: "班子建设机制明显改善",
    summary: "按党章和工作条例及时组建、换届和调整班子，落实“一岗双责”，把骨干党员选进支部委员会。",
    evidence: "由行政“一把手”兼任党组织书记的部门、单位超过95%。",
  },
  {
    kind: "practice",
    number: 3,
    title: "党务干部和积极分子两支队伍培训常态化",
    summary: "工委每年系统培训党务干部，定期培训入党积极分子；发展党员严把培养、考察、预审、谈话、审批“五关”。",
  },
  {
    kind: "practice",
    number: 4,
    title: "创建活动载体丰富",
    summary: "开展“五好”党支部、“共产党员示范岗”创建和多项主题实践活动，形成比学赶超的氛围。",
    evidence: "表彰4批共64个“五好”党支部；77个科室岗位被命名为“共产党员示范岗”。",
  },
  {
    kind: "practice",
    number: 5,
    title: "党建工作责任制落到实处",
    summary: "培育机关党建典型，层层签订目标管理责任书，建立工委指导、党委（总支）领导、支部实施的责任体系，并开展联席和观摩互评。",
  },
  {
    kind: "problem",
    number: 1,
    title: "“一把手”履行“一岗双责”不到位",
    summary: "兼任支部书记的行政负责人业务繁重，有的对党务过问少、不能按时参加组织生活，削弱了党组织的凝聚力。",
  },
  {
    kind: "problem",
    number: 2,
    title: "组织生活重形式、轻实效",
    summary: "活动与单位业务和党员实际结合不够，有的以行政例会代替党的会议，组织生活内容单一，党员得不到严格锻炼。",
  },
  {
    kind: "problem",
    number: 3,
    title: "党务干部有岗无编、积极性受挫",
    summary: "党务干部绝大多数为兼职，专职副书记配备严重不足，党务工作常由办公室人员兼管，地位不高、责权利不统一。",
    evidence: "党总支、党支部党务干部77%为兼职；15个直属党总支中5个设专职副书记（33%）；40个直属党支部中仅3个设专职副书记（7.5%）。",
  },
  {
    kind: "problem",
    number: 4,
    title: "党员教育针对性不强、经费不足",
    summary: "教育方式单一，不区分党员年龄、文化和岗位特点，存在“三多三少”；基层党组织缺乏固定经费，电化教育和培训相对滞后。",
  },
  {
    kind: "cause",
    number: 1,
    title: "《机关基层组织工作条例》贯彻不力",
    summary: "有的领导干部重业务、轻党建，把党的工作当“点缀”，经费和活动时间等老问题长期得不到解决。",
  },
  {
    kind: "cause",
    number: 2,
    title: "党建与业务结合不紧",
    summary: "党建创新载体不多，有的领导干部不熟悉党建业务，时紧时松，党务与业务“两张皮”。",
  },
  {
    kind: "cause",
    number: 3,
    title: "分类指导不足、职责交叉",
    summary: "组织部门与工委职责交叉重叠，部分活动“一锅煮”，工委领导、指导与督查不统一，基层产生依赖心理。",
  },
];

export const demoDocumentBlocks: DocumentBlock[] = [
  { type: "heading", level: 1, text: "市直机关基层党组织建设状况调研报告" },
  { type: "heading", level: 2, text: "一、基本情况及主要特点" },
  {
    type: "paragraph",
    text: "工委下辖61个部门、单位党组织，共有机关党委6个、党总支20个、党支部160个，党员3163人。调研显示，机关基层党组织建设总体呈加强和上升态势。",
  },
  { type: "heading", level: 2, text: "二、存在的问题及原因" },
  {
    type: "paragraph",
    text: "问题集中在“一岗双责”落实、组织生活质量、党务干部配备和党员教育四个方面，根源在于条例贯彻不力、党建与业务结合不紧、分类指导不足。",
  },
  { type: "heading", level: 2, text: "三、对策及建议" },
  { type: "heading", level: 3, text: "（一）压实“一岗双责”，让书记抓党建成为硬任务" },
  {
    type: "paragraph",
    text: "把党建述职评议结果与领导干部考核挂钩，书记每季度至少参加一次所在支部组织生活。",
  },
  { type: "heading", level: 3, text: "（二）提高组织生活质量，减少形式化" },
  { type: "paragraph", text: "（待起草组补充）" },
  { type: "heading", level: 3, text: "（三）配齐配强党务干部队伍" },
  { type: "paragraph", text: "按党员人数核定专兼职党务干部，党员较多的党委配备专职副书记；党务岗位与业务岗位双向交流，纳入干部培养使用规划。" },
  { type: "heading", level: 3, text: "（四）分类施教，保障党员教育经费" },
  { type: "paragraph", text: "（待起草组补充）" },
];

type SuggestionSeed = {
  unit: "unit1" | "unit2";
  state: SuggestionState;
  title: string;
  body: string;
  proposedWording?: string;
  findings: { kind: FindingKind; number: number }[];
  returnRequest?: string;
  decision?: { outcome: string; reply: string; reasonCode?: string; reason?: string };
  assignee?: "reviewer1" | "reviewer2";
};

const demoSuggestions: SuggestionSeed[] = [
  {
    unit: "unit1",
    state: "adopted",
    title: "组织生活会议题提前公示、会后评议",
    body: "建议支部在召开组织生活会前一周公示议题，会后由党员对会议质量进行简短评议，评议结果作为年度支部考核的参考。",
    proposedWording: "推行组织生活会议题提前公示和会后评议制度。",
    findings: [{ kind: "problem", number: 2 }],
    decision: { outcome: "adopted", reply: "该建议具体可行，将写入对策第二部分。" },
    assignee: "reviewer1",
  },
  {
    unit: "unit2",
    state: "under_review",
    title: "设立基层党组织活动专项经费",
    body: "建议按党员人数核定支部活动经费并列入部门预算，专款用于党员教育和电化教育设备更新。",
    findings: [
      { kind: "problem", number: 4 },
      { kind: "cause", number: 1 },
    ],
    assignee: "reviewer2",
  },
  {
    unit: "unit1",
    state: "submitted",
    title: "党员人数较多的党总支配备专职副书记",
    body: "党员超过100人的党总支应配备专职副书记，并在编制上单列，解决党务干部有岗无编的问题。",
    findings: [{ kind: "problem", number: 3 }],
  },
  {
    unit: "unit2",
    state: "returned",
    title: "建立支部书记党建述职制度",
    body: "建议每年组织支部书记向党员大会述职。",
    findings: [{ kind: "problem", number: 1 }],
    returnRequest: "请补充述职的频次、评议方式以及结果如何运用。",
    assignee: "reviewer1",
  },
  {
    unit: "unit1",
    state: "draft",
    title: "党建与业务同谋划、同考核",
    body: "在年度工作计划中把党建任务与业务任务一同部署、一同检查。",
    findings: [{ kind: "cause", number: 2 }],
  },
  {
    unit: "unit2",
    state: "not_adopted",
    title: "取消每月升国旗活动",
    body: "升国旗活动占用工作时间，建议取消。",
    findings: [{ kind: "practice", number: 1 }],
    decision: {
      outcome: "not_adopted",
      reply: "升国旗活动是党员教育的有效形式，基层反映良好，本次不作调整。",
      reasonCode: "existing_measures",
      reason: "该活动属于已有且行之有效的做法。",
    },
    assignee: "reviewer2",
  },
  {
    unit: "unit1",
    state: "for_reference",
    title: "开发党员学习积分小程序",
    body: "建议开发线上学习积分系统，记录党员参加学习的情况。",
    findings: [{ kind: "problem", number: 4 }],
    decision: {
      outcome: "for_reference",
      reply: "思路有价值，但涉及信息化立项，留作后续工作参考。",
      reasonCode: "not_actionable",
      reason: "需要另行立项和经费保障，本次报告暂不纳入。",
    },
    assignee: "reviewer1",
  },
];

export function isDatabaseEmpty(db: DbOrTx): boolean {
  const row = db.select({ n: count() }).from(users).get();
  return (row?.n ?? 0) === 0;
}

function insertUnitTree(tx: DbOrTx, seed: UnitSeed, parentId: number | null, byName: Map<string, number>) {
  const row = tx.insert(units).values({ name: seed.name, kind: seed.kind, parentId }).returning({ id: units.id }).get();
  byName.set(seed.name, row.id);
  for (const child of seed.children ?? []) insertUnitTree(tx, child, row.id, byName);
}

export function suggestionCode(seq: number): string {
  return `JY-${String(seq).padStart(4, "0")}`;
}

/** Creates the demo accounts, units, reports, findings, document and suggestions on an empty database. */
export async function seedDemoWorkspace(db: Db): Promise<void> {
  // Hash outside the transaction: better-sqlite3 transactions must stay synchronous.
  const hashes = await Promise.all(demoAccounts.map(() => hashPassword(DEMO_PASSWORD)));

  db.transaction(
    (tx) => {
      const userIds = new Map<string, number>();
      demoAccounts.forEach((account, i) => {
        const row = tx
          .insert(users)
          .values({ ...account, passwordHash: hashes[i] })
          .returning({ id: users.id })
          .get();
        userIds.set(account.username, row.id);
      });

      const unitIds = new Map<string, number>();
      insertUnitTree(tx, unitTree, null, unitIds);

      const report = tx
        .insert(reports)
        .values({
          title: "市直机关基层党组织建设状况调研",
          description: "面向市直机关61个部门、单位党组织的调研报告起草与意见建议征集。",
          createdBy: userIds.get("admin"),
        })
        .returning({ id: reports.id })
        .get();

      const members: { username: string; role: MemberRole; unit?: string }[] = [
        { username: "drafter1", role: "drafter" },
        { username: "drafter2", role: "drafter" },
        { username: "reviewer1", role: "reviewer" },
        { username: "reviewer2", role: "reviewer" },
        { username: "unit1", role: "submitter", unit: "市财政局预算处党支部" },
        { username: "unit2", role: "submitter", unit: "市教育局基础教育处党支部" },
        { username: "viewer1", role: "viewer" },
      ];
      for (const m of members) {
        tx.insert(reportMembers)
          .values({
            reportId: report.id,
            userId: userIds.get(m.username)!,
            role: m.role,
            unitId: m.unit ? unitIds.get(m.unit)! : null,
          })
          .run();
      }

      const findingIds = new Map<string, number>();
      for (const f of demoFindings) {
        const row = tx
          .insert(findings)
          .values({ reportId: report.id, kind: f.kind, number: f.number, title: f.title, summary: f.summary, evidence: f.evidence ?? "" })
          .returning({ id: findings.id })
          .get();
        findingIds.set(`${f.kind}-${f.number}`, row.id);
      }

      const initialDocument = blocksToYjsUpdate(demoDocumentBlocks);
      const document = tx
        .insert(documents)
        .values({ reportId: report.id, title: "调研报告正文" })
        .returning({ id: documents.id })
        .get();
      // The first draft is drafter1's: the log row and its clientID say so (who wrote what in diffs).
      appendDocumentUpdates(tx, [
        { documentId: document.id, update: initialDocument, userId: userIds.get("drafter1")!, clientIds: [...Y.parseUpdateMeta(initialDocument).to.keys()] },
      ]);

      const unitOf = { unit1: "市财政局预算处党支部", unit2: "市教育局基础教育处党支部" } as const;
      const now = Date.now();
      demoSuggestions.forEach((s, i) => {
        const seq = i + 1;
        const day = 24 * 60 * 60 * 1000;
        const createdAt = new Date(now - (demoSuggestions.length - i) * 2 * day);
        const authorId = userIds.get(s.unit)!;
        const reviewerId = s.assignee ? userIds.get(s.assignee)! : null;
        const row = tx
          .insert(suggestions)
          .values({
            reportId: report.id,
            code: suggestionCode(seq),
            title: s.title,
            body: s.body,
            proposedWording: s.proposedWording ?? "",
            unitId: unitIds.get(unitOf[s.unit])!,
            authorId,
            state: s.state,
            assigneeId: reviewerId,
            returnRequest: s.returnRequest ?? null,
            decisionOutcome: s.decision?.outcome ?? null,
            decisionReply: s.decision?.reply ?? null,
            decisionReasonCode: s.decision?.reasonCode ?? null,
            decisionReason: s.decision?.reason ?? null,
            decidedBy: s.decision ? reviewerId : null,
            decidedAt: s.decision ? new Date(createdAt.getTime() + day) : null,
            submittedAt: s.state === "draft" ? null : createdAt,
            createdAt,
          })
          .returning({ id: suggestions.id })
          .get();
        for (const f of s.findings) {
          tx.insert(suggestionFindings).values({ suggestionId: row.id, findingId: findingIds.get(`${f.kind}-${f.number}`)! }).run();
        }
        // The history a real journey would have written, so timelines are not empty.
        const events: { type: string; from: string | null; to: string | null; actor: number; payload?: Record<string, unknown> }[] = [
          { type: "created", from: null, to: "draft", actor: authorId },
        ];
        if (s.state !== "draft") events.push({ type: "transition", from: "draft", to: "submitted", actor: authorId, payload: { action: "submit" } });
        if (reviewerId) {
          events.push({ type: "assigned", from: null, to: null, actor: reviewerId, payload: { assigneeId: reviewerId } });
          events.push({ type: "transition", from: "submitted", to: "under_review", actor: reviewerId, payload: { action: "triage" } });
        }
        if (s.state === "returned")
          events.push({ type: "transition", from: "under_review", to: "returned", actor: reviewerId!, payload: { action: "return", request: s.returnRequest } });
        if (s.decision)
          events.push({ type: "transition", from: "under_review", to: s.state, actor: reviewerId!, payload: { action: "decide", ...s.decision } });
        events.forEach((e, k) =>
          tx.insert(suggestionEvents)
            .values({
              suggestionId: row.id,
              reportId: report.id,
              actorId: e.actor,
              type: e.type,
              fromState: e.from,
              toState: e.to,
              payload: e.payload ?? {},
              createdAt: new Date(createdAt.getTime() + k * 60_000),
            })
            .run(),
        );
      });
      tx.update(reports).set({ nextSuggestionSeq: demoSuggestions.length + 1 }).where(eq(reports.id, report.id)).run();

      // A second report only part of the team belongs to: everyone sees only their own reports.
      const second = tx
        .insert(reports)
        .values({ title: "2026年度机关党建述职评议", description: "党组织书记抓党建述职评议材料汇编。", createdBy: userIds.get("admin") })
        .returning({ id: reports.id })
        .get();
      tx.insert(reportMembers).values({ reportId: second.id, userId: userIds.get("drafter2")!, role: "drafter" }).run();
      tx.insert(reportMembers).values({ reportId: second.id, userId: userIds.get("reviewer2")!, role: "reviewer" }).run();
      tx.insert(documents).values({ reportId: second.id, title: "述职评议汇编" }).run();
    },
    { behavior: "immediate" },
  );
}

/** Production start: with ADMIN_PASSWORD set and no accounts yet, creates the `admin` account. */
export async function ensureBootstrapAdmin(db: Db, password: string | undefined): Promise<void> {
  if (!isDatabaseEmpty(db)) return;
  if (!password || password.length < 12) {
    console.warn("[jianyan] 数据库中还没有账号：请设置 ADMIN_PASSWORD（至少 12 位）后重启以创建管理员 admin。");
    return;
  }
  const passwordHash = await hashPassword(password);
  db.insert(users).values({ username: "admin", displayName: "管理员", isAdmin: true, passwordHash }).run();
}
