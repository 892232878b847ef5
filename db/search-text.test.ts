import { describe, expect, it } from "vitest";
import { bigramTermOf, bigramTerms, highlightSegments, lowerAscii, matchesAllWords, searchWords, snippetAround } from "./search-text";

describe("search text", () => {
  it("a two-character window is one ASCII term of both code points, A–Z folded as LIKE folds them", () => {
    expect(bigramTermOf("经费")).toBe("007ecf008d39");
    expect(bigramTerms("App")).toBe(["ap", "pp"].map(bigramTermOf).join(" "));
    expect(bigramTerms("ÉA")).toBe(bigramTermOf("Éa")); // non-ASCII capitals stay as they are, like LIKE
    expect(bigramTerms("𠀀字")).toBe(bigramTermOf("𠀀字")); // outside the BMP: one code point, not two halves
  });

  it("no term spans a word separator or a field boundary, and each term is listed once", () => {
    const terms = bigramTerms("经费，保障 经费", "费用").split(" ");
    expect(terms).toEqual(["经费", "保障", "费用"].map(bigramTermOf));
  });

  it("query words: split on spaces and Chinese/Latin list punctuation, only A–Z lower-cased", () => {
    expect(searchWords(" 经费，APP  2024年；ÉCOLE ")).toEqual(["经费", "app", "2024年", "École"]);
    expect(lowerAscii("ÉCOLE App")).toBe("École app");
  });

  it("agrees with the plain definition on text of every kind (spaces of every kind, astral characters, capitals)", () => {
    const naive = (...fields: string[]) => {
      const out = new Set<string>();
      for (const f of fields) {
        const cps = [...lowerAscii(f)];
        for (let i = 0; i + 1 < cps.length; i++) {
          const pair = cps[i] + cps[i + 1];
          if (searchWords(pair).length === 1 && searchWords(pair)[0] === pair) out.add(bigramTermOf(pair));
        }
      }
      return [...out].join(" ");
    };
    const alphabet = [..."经费Aa Zz9，,、;；。\t\n\u3000\u00a0\u2003\ufeff\u2028！（）𠀀𪚥É"];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const f = () => Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
      const fields = [f(), f(), f()];
      expect(bigramTerms(...fields), JSON.stringify(fields)).toBe(naive(...fields));
    }
  });

  it("highlights every occurrence as text segments, case-folded like the search", () => {
    expect(highlightSegments("App 与 app 经费保障经费", ["app", "经费"])).toEqual([
      { text: "App", match: true },
      { text: " 与 ", match: false },
      { text: "app", match: true },
      { text: " ", match: false },
      { text: "经费", match: true },
      { text: "保障", match: false },
      { text: "经费", match: true },
    ]);
    expect(highlightSegments("<b>经费</b>", ["经费"]).map((s) => s.text).join("")).toBe("<b>经费</b>");
  });

  it("a list in memory: every word in one of the texts", () => {
    expect(matchesAllWords(["经费保障", "App 说明"], searchWords("经费 APP"))).toBe(true);
    expect(matchesAllWords(["经费保障", "说明"], searchWords("经费 APP"))).toBe(false);
    expect(matchesAllWords(["É"], searchWords("é"))).toBe(false); // as LIKE: only A–Z fold
  });

  it("an excerpt around the first match", () => {
    expect(snippetAround("一二三四五六七八九十经费甲乙丙丁戊己庚辛壬癸", ["经费"], 3)).toBe("…八九十经费甲乙丙…");
    expect(snippetAround("经费", ["经费"])).toBe("经费");
    expect(snippetAround("没有", ["经费"])).toBeNull();
  });
});
