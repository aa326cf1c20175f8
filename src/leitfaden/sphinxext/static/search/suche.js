/*
 * The guide's search page (leitfaden.sphinxext.search).
 *
 * - GermanQueryAnalysis: an exact port of leitfaden.analysis.GermanAnalysis.query_terms (see the
 *   docstring of that module for the algorithm); its tables and patterns come from
 *   GermanAnalysis.browser_data() in suchindex.js, the stemmer is the Snowball German stemmer that
 *   Sphinx ships (german-stemmer.js), the same algorithm as Python's snowballstemmer.
 * - MiniSearch ranks the entries (BM25 over the fields question, keywords, short_answer, body with
 *   the boosts from suchindex.js); the documents hold the terms the Python analysis produced, so
 *   both sides meet on the same terms. Any query word may match; more matches rank higher.
 * - The page reads ?q=…, lists the results best first as links in #search-results ul.search with
 *   a snippet, and fills p.search-summary last.
 */
(function () {
  "use strict";

  // -- the query analysis (port of leitfaden.analysis) ------------------------------------------

  // Fixed parts of the algorithm (module leitfaden.analysis); the rest comes from browser_data().
  const NUMBER_JOINER = /[0-9]{1,4}[a-z]?|bis|-/g;
  const ABSATZ = /(?:abs\.?|absatz) *([0-9]{1,3}[a-z]?)|\(([0-9]{1,3}[a-z]?)\)/u;
  const PARAGRAPH_WORD = /^[0-9]{1,3}[a-z]$/;
  const NOT_ALNUM = /[^a-z0-9]/g;
  const DIGITS = /^[0-9]+$/;
  const VOWELS = "aeiouy";
  const LETTERS = /^[a-z]+$/;
  const COMBINING_MARK = /\p{M}/gu;
  const ASCII = /^[\x00-\x7f]*$/;
  const escapeRegExp = (text) => text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

  function addUnique(list, item) {
    if (!list.includes(item)) list.push(item);
  }

  class GermanQueryAnalysis {
    constructor(data, stemmer) {
      this.version = data.version;
      this.gender = new RegExp(data.gender, "gu");
      this.foldTable = new Map(Object.entries(data.fold));
      this.foldKeys = new RegExp(Array.from(this.foldTable.keys(), escapeRegExp).join("|"), "gu");
      this.pairs = new RegExp(data.pairs, "gu");
      this.other = new RegExp(data.other, "gu");
      this.token = new RegExp(data.token, "gu");
      this.laws = new Map(Object.entries(data.laws));
      this.stopwords = new Set(data.stopwords);
      this.lowWeightTerms = new Set(data.low_weight);
      this.sEndings = data.s_endings;
      this.suffixes = data.suffixes;
      this.onsets = new Set(data.onsets);
      this.lexicon = new Set(data.lexicon);
      this.heads = new Set(data.heads);
      this.single = new Map(Object.entries(data.single));
      this.phrases = new Map(Object.entries(data.phrases));
      this.minPart = data.min_part;
      this.minHead = data.min_head;
      this.minTail = data.min_tail;
      // Words that start with a long stop word ("weitergeben") are particles, not compounds.
      this.prefixStopwords = data.stopwords.filter((word) => word.length >= data.min_head);
      this.minCompound = data.min_compound;
      this.linkers = data.linkers;
      this.inflections = data.inflections;
      this.groupPrefix = data.group_prefix;
      this.stemmer = stemmer;
      // For each thesaurus group term, the terms that call it up (to find matches in text).
      this.groupKeys = new Map();
      const addKey = (group, key) => {
        if (!this.groupKeys.has(group)) this.groupKeys.set(group, []);
        addUnique(this.groupKeys.get(group), key);
      };
      for (const [key, groups] of this.single) for (const group of groups) addKey(group, key);
      for (const phrases of this.phrases.values()) {
        for (const phrase of phrases) {
          for (const key of phrase.slice(0, -1)) addKey(phrase[phrase.length - 1], key);
        }
      }
      this.stems = new Map();
      this.splits = new Map();
    }

    /** Steps 1-3: NFKC, gender forms, lower case, umlauts, accents, ae/oe/ue, other characters. */
    fold(text) {
      let folded = text.normalize("NFKC").replace(this.gender, "$1").toLowerCase();
      if (!ASCII.test(folded)) {
        folded = folded.replace(this.foldKeys, (key) => this.foldTable.get(key));
        folded = folded.normalize("NFKD").replace(COMBINING_MARK, "");
      }
      folded = folded.replace(this.pairs, (pair) => (pair[0] === "q" ? pair : pair[0]));
      return folded.replace(this.other, " ");
    }

    /** The Snowball stem; a stem in -ier loses its "er" (finanzierung meets finanzieren). */
    stem(word) {
      let stem = this.stems.get(word);
      if (stem === undefined) {
        stem = this.stemmer.stemWord(word);
        if (stem.endsWith("ier")) stem = stem.slice(0, -2);
        this.stems.set(word, stem);
      }
      return stem;
    }

    /** Step 6a-b: the stem of a folded word, after mending forms Snowball keeps apart. */
    primary(word) {
      const lexicon = this.lexicon;
      const last = word[word.length - 1];
      if (last === "s" && word.length >= 4) {
        if ("aiouy".includes(word[word.length - 2]) && lexicon.has(word.slice(0, -1))) {
          word = word.slice(0, -1); // Kitas -> Kita
        } else if (lexicon.has(word + "e")) {
          word += "e"; // Kurs (Kurse) is no genitive like Amts
        }
      } else if (last === "t" && word.length >= 4) {
        if (lexicon.has(word.slice(0, -1) + "en")) {
          word = word.slice(0, -1) + "en"; // kennt -> kennen
        } else if (word[word.length - 2] === "e" && lexicon.has(word.slice(0, -1) + "n")) {
          word = word.slice(0, -1) + "n"; // bietet -> bieten
        }
      }
      return this.stem(word);
    }

    /** Step 6 a-d: the terms of one word, or null for stop words and single letters. */
    word(word) {
      if ((word.length === 1 && !DIGITS.test(word)) || this.stopwords.has(word)) return null;
      if (!LETTERS.test(word)) {
        const terms = [word];
        if (PARAGRAPH_WORD.test(word)) terms.push("p" + word);
        return terms;
      }
      const terms = [this.primary(word)];
      for (const part of this.compoundParts(word)) addUnique(terms, this.primary(part));
      for (const key of terms.slice()) {
        for (const group of this.single.get(key) ?? []) addUnique(terms, group);
      }
      return terms;
    }

    /** Steps 1-7: the alternative terms of each position of text, the primary term first. */
    queryTerms(text) {
      const positions = [];
      for (const match of this.fold(text).matchAll(this.token)) {
        const chain = match[8];
        if (chain !== undefined) {
          const parts = chain.split("-");
          const first = positions.length;
          for (const part of parts) {
            const terms = this.word(part);
            if (terms !== null) positions.push(terms.slice());
          }
          if (parts.length > 1 && positions.length > first) {
            const joined = parts.join("");
            if (LETTERS.test(joined)) {
              const last = positions[positions.length - 1];
              const stem = this.primary(joined);
              addUnique(last, stem);
              for (const group of this.single.get(stem) ?? []) addUnique(last, group);
            }
          }
          continue;
        }
        const law = match[7];
        if (law !== undefined) {
          positions.push([this.laws.get(law.replace(NOT_ALNUM, "")) ?? law]);
          continue;
        }
        positions.push(...this.citation(match));
      }
      if (this.phrases.size) this.matchPhrases(positions);
      return positions;
    }

    citation(match) {
      const unit = match[1] ?? match[3];
      const prefix = unit.startsWith("art") ? "art" : "p";
      let numbers;
      if (match[4] !== undefined) {
        numbers = [match[4]];
      } else {
        numbers = [];
        const tokens = match[2].match(NUMBER_JOINER) ?? [];
        tokens.forEach((token, index) => {
          if (token === "bis" || token === "-") return;
          if (index >= 2 && (tokens[index - 1] === "bis" || tokens[index - 1] === "-")) {
            const low = numbers.length ? numbers[numbers.length - 1] : "";
            if (DIGITS.test(low) && DIGITS.test(token)) {
              const from = parseInt(low, 10);
              const to = parseInt(token, 10);
              if (to - from > 0 && to - from <= 20) {
                for (let n = from + 1; n < to; n++) numbers.push(String(n));
              }
            }
          }
          numbers.push(token);
        });
      }
      let absatz = "";
      const details = ABSATZ.exec(match[5] ?? "");
      if (details !== null) absatz = details[1] ?? details[2];
      const lawText = match[6];
      const law = lawText ? this.laws.get(lawText.replace(NOT_ALNUM, "")) ?? "" : "";
      const positions = [];
      for (const number of numbers) {
        const terms = [prefix + number];
        if (absatz && numbers.length === 1) addUnique(terms, `${prefix}${number}abs${absatz}`);
        if (law) addUnique(terms, prefix + number + law);
        positions.push(terms);
      }
      if (law) positions.push([law]);
      return positions;
    }

    matchPhrases(positions) {
      const primaries = positions.map((terms) => terms[0]);
      primaries.forEach((primary, index) => {
        for (const phrase of this.phrases.get(primary) ?? []) {
          const size = phrase.length - 1;
          const window = primaries.slice(index, index + size);
          if (window.length === size && window.every((term, i) => term === phrase[i])) {
            addUnique(positions[index + size - 1], phrase[size]);
          }
        }
      });
    }

    // -- decompounding --

    compoundParts(word) {
      const cached = this.splits.get(word);
      if (cached !== undefined) return cached;
      const result = [];
      if (word.length >= this.minCompound) {
        for (const part of this.split(word)) {
          addUnique(result, part);
          for (const sub of this.compoundParts(part)) addUnique(result, sub);
        }
      }
      this.splits.set(word, result);
      return result;
    }

    finalKnown(part) {
      if (this.lexicon.has(part)) return true;
      return this.inflections.some(
        (ending) =>
          part.endsWith(ending) &&
          part.length - ending.length >= this.minPart &&
          this.lexicon.has(part.slice(0, part.length - ending.length)),
      );
    }

    split(word) {
      const size = word.length;
      const best = new Array(size + 1).fill(null);
      best[size] = [];
      for (let start = size - this.minPart; start >= 0; start--) {
        let chosen = null;
        for (let end = start + this.minPart; end <= size; end++) {
          const part = word.slice(start, end);
          if (end === size) {
            if (start && this.finalKnown(part) && (chosen === null || chosen.length > 1)) {
              chosen = [part];
            }
            continue;
          }
          if (!this.lexicon.has(part)) continue;
          for (const linker of this.linkers) {
            const after = end + linker.length;
            if (after >= size || !word.startsWith(linker, end)) continue;
            const rest = best[after];
            if (rest !== null && (chosen === null || chosen.length >= rest.length + 1)) {
              chosen = [part, ...rest];
            }
          }
        }
        best[start] = chosen;
      }
      if (best[0] !== null) return best[0];
      if (this.prefixStopwords.some((stopword) => word.startsWith(stopword))) return [];
      for (let end = this.minHead; end <= size - this.minTail; end++) {
        const head = word.slice(0, end);
        if (!this.heads.has(head)) continue;
        for (const linker of this.linkers) {
          const after = end + linker.length;
          if (after > size - this.minTail || !word.startsWith(linker, end)) continue;
          const rest = best[after];
          if (rest !== null && rest.length) return [head, ...rest];
        }
      }
      if (this.lexicon.has(word)) return [];
      // An unknown word: the longest known first part and an unknown rest of its own.
      for (let end = size - this.minTail; end >= this.minHead; end--) {
        const head = word.slice(0, end);
        if (!this.lexicon.has(head)) continue;
        let cut = end;
        if (
          word.startsWith("s", end) &&
          (this.sEndings.some((ending) => head.endsWith(ending)) ||
            !this.wordStart(word.slice(end)))
        ) {
          cut += 1;
        }
        const tail = word.slice(cut);
        if (
          tail.length >= this.minTail &&
          !this.suffixes.some((s) => tail.startsWith(s)) &&
          this.wordStart(tail)
        ) {
          return [head, tail];
        }
      }
      return [];
    }

    /** Whether text can begin a German word: a vowel in its first two letters or an onset. */
    wordStart(text) {
      return (
        text.length >= 2 &&
        (VOWELS.includes(text[0]) || VOWELS.includes(text[1]) || this.onsets.has(text.slice(0, 2)))
      );
    }

    /** Whether a primary term is a discourse particle or a generic verb (little weight). */
    lowWeight(term) {
      return this.lowWeightTerms.has(term);
    }
  }

  // -- ranking -----------------------------------------------------------------------------------

  const PAIRS = "pairs";
  const RESULT_LIMIT = 10;
  const SNIPPET_LENGTH = 240;
  const SNIPPET_LEAD = 60;

  class GuideSearch {
    constructor(data, analysis) {
      this.data = data;
      this.analysis = analysis;
      this.documents = new Map(data.documents.map((doc) => [doc.id, doc]));
      this.ranking = data.ranking;
      this.wordFields = data.fields.filter((field) => field !== PAIRS);
      this.index = new MiniSearch({
        fields: data.fields,
        // The documents carry analysed terms separated by spaces; queries arrive analysed too.
        tokenize: (text) => text.split(" ").filter(Boolean),
        processTerm: (term) => term,
        extractField: (doc, field) => (field === "id" ? doc.id : doc.terms[field]),
      });
      this.index.addAll(data.documents);
      // Entries per term over all fields: MiniSearch's BM25 weighs a term by how rare it is
      // within one field, so a word found in every entry (Jugendamt) but in few questions
      // would count as rare in the question field. Query terms are weighted by their rarity
      // across whole entries, as BM25F does.
      this.entryCount = new Map();
      for (const doc of data.documents) {
        const terms = new Set(data.fields.flatMap((field) => doc.terms[field].split(" ")));
        for (const term of terms) this.entryCount.set(term, (this.entryCount.get(term) ?? 0) + 1);
      }
      const total = data.documents.length;
      this.idf = (term) => {
        const count = this.entryCount.get(term) ?? 0;
        return Math.log(1 + (total - count + 0.5) / (count + 0.5)) / Math.log(1 + total / 0.5);
      };
    }

    /**
     * A MiniSearch query tree: any query word may match, each through any of its terms (the
     * primary term counts fully, compound parts and thesaurus groups less), and neighbouring
     * words match the pairs field. Words the guide does not contain (typed in part or misspelt)
     * match by prefix and by edit distance.
     */
    query(positions) {
      const ranking = this.ranking;
      const termQuery = (term, weight, fields) => {
        const unknown = !this.entryCount.has(term) && LETTERS.test(term);
        const rarity = unknown ? 1 : this.idf(term) ** ranking.idf_exponent;
        return {
          queries: [term],
          fields,
          boostTerm: () => weight * rarity,
          prefix: unknown && term.length >= ranking.prefix_min_length,
          fuzzy: unknown && term.length >= ranking.fuzzy_min_length ? ranking.fuzzy : false,
        };
      };
      const words = positions.map((terms) => ({
        combineWith: "OR",
        queries: terms.map((term, index) => {
          const group = term.startsWith(this.analysis.groupPrefix);
          const weight = index === 0 ? 1 : group ? ranking.group_weight : ranking.part_weight;
          return termQuery(term, weight, this.wordFields);
        }),
      }));
      const pairs = wordPairs(positions).map((pair) => termQuery(pair, 1, [PAIRS]));
      return { combineWith: "OR", queries: [...words, ...pairs] };
    }

    search(text) {
      const positions = this.analysis.queryTerms(text);
      if (!positions.length) return { positions, results: [] };
      const results = this.index.search(this.query(positions), {
        boost: this.data.boosts,
        weights: { fuzzy: this.ranking.fuzzy_weight, prefix: this.ranking.prefix_weight },
      });
      return {
        positions,
        results: results.map((result) => ({
          document: this.documents.get(result.id),
          score: result.score,
          terms: Object.keys(result.match),
        })),
      };
    }
  }

  /** Neighbouring words as one term each, like leitfaden.sphinxext.search.word_pairs. */
  function wordPairs(positions) {
    const primaries = positions.map((terms) => (LETTERS.test(terms[0]) ? terms[0] : ""));
    const pairs = [];
    for (let i = 0; i + 1 < primaries.length; i++) {
      if (primaries[i] && primaries[i + 1]) pairs.push(`${primaries[i]}>${primaries[i + 1]}`);
    }
    return pairs;
  }

  // -- snippets ----------------------------------------------------------------------------------

  const WORD = /[\p{L}\p{N}§]+(?:[-*:_·/][\p{L}\p{N}]+)*/u.source;
  // A statute citation is one unit ("§ 8a Abs. 4 SGB VIII"): its terms need the whole of it.
  const CITATION =
    /(?:§§?|\bArt\.|\bArtikel)\s*\d{1,4}[a-z]?(?:\s*(?:ff?\.|(?:Abs\.|Absatz|Satz|S\.|Nr\.)\s*\d{1,3}[a-z]?|\(\d{1,3}[a-z]?\)))*(?:\s+[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-Z][A-Za-z]*(?:-[A-Z]+)?(?:\s+(?:[IVX]+|\d{1,2})\b)?)?/u
      .source;
  const SPAN = new RegExp(`(${CITATION})|${WORD}`, "gu");
  const CITED = /^(?:p|art)[0-9]/;
  const DIGIT_RUN = /[0-9]+/;
  const SNIPPET_CANDIDATES = 3;

  const spanTerms = new Map();

  /** The analysed terms of a word or citation of a passage (they repeat: remembered). */
  function termsOfSpan(analysis, span) {
    let terms = spanTerms.get(span);
    if (terms === undefined) {
      terms = analysis.queryTerms(span).flat();
      spanTerms.set(span, terms);
    }
    return terms;
  }

  /**
   * What to highlight for a result: a word carrying a matched term of the query (its words,
   * citations, thesaurus groups), or a word that *is* a matched part of a query compound;
   * not every compound that merely contains such a part ("Jugendhilfeplanung" for the
   * "jugend" of "Jugendämter").
   */
  function highlightTerms(analysis, positions, matchedTerms) {
    const primaries = new Set(positions.map((terms) => terms[0]));
    const parts = new Set();
    for (const terms of positions) {
      for (const term of terms.slice(1)) {
        if (LETTERS.test(term) && !primaries.has(term)) parts.add(term);
      }
    }
    const strong = new Set();
    const weak = new Set();
    for (const term of matchedTerms) (parts.has(term) ? weak : strong).add(term);
    return { strong, weak };
  }

  /**
   * The words and citations of a passage with their offsets and weights: 2 for a matched term
   * of the query, 1 for a word that is a matched part of a query compound, 0 for the rest. A
   * citation counts when it cites a matched paragraph or article; its statute alone counts
   * only when the query cites none ("SGB VIII" highlights every citation of that statute).
   */
  function markSpans(analysis, passage, { strong, weak }) {
    const citing = [...strong].some((term) => CITED.test(term));
    const spans = [];
    for (const match of passage.matchAll(SPAN)) {
      const terms = termsOfSpan(analysis, match[0]);
      let weight;
      if (match[1] !== undefined && citing) {
        weight = terms.some((term) => CITED.test(term) && strong.has(term)) ? 2 : 0;
      } else {
        weight = terms.some((term) => strong.has(term)) ? 2 : weak.has(terms[0]) ? 1 : 0;
      }
      spans.push({ start: match.index, end: match.index + match[0].length, weight });
    }
    return spans;
  }

  /**
   * The passage with the most highlighted words (the earlier one on a tie). Analysing every
   * word of every passage is slow, so the passages are first ranked by which matched terms
   * (for a thesaurus group the words that call it up, for a citation its number) occur in
   * their folded text.
   */
  function bestPassage(analysis, document, highlight) {
    const needles = new Set();
    for (const term of [...highlight.strong, ...highlight.weak]) {
      for (const key of analysis.groupKeys.get(term) ?? [term]) {
        const needle = LETTERS.test(key) ? key : DIGIT_RUN.exec(key)?.[0];
        if (needle) needles.add(needle);
      }
    }
    const candidates = document.passages
      .map((passage, index) => {
        const folded = analysis.fold(passage);
        let found = 0;
        for (const needle of needles) if (folded.includes(needle)) found++;
        return { passage, index, found };
      })
      .filter((candidate) => candidate.found > 0)
      .sort((a, b) => b.found - a.found || a.index - b.index)
      .slice(0, SNIPPET_CANDIDATES)
      .sort((a, b) => a.index - b.index);
    if (!candidates.length) candidates.push({ passage: document.passages[0] ?? "" });
    let best = null;
    for (const { passage } of candidates) {
      const words = markSpans(analysis, passage, highlight);
      const hits = words.reduce((sum, word) => sum + word.weight, 0);
      if (best === null || hits > best.hits) best = { passage, words, hits };
    }
    return best;
  }

  /** A <p class="context"> with the passage cut to about SNIPPET_LENGTH characters. */
  function snippetElement(best) {
    const p = document.createElement("p");
    p.className = "context";
    if (best === null) return p;
    const { passage, words } = best;
    let start = 0;
    let end = passage.length;
    if (passage.length > SNIPPET_LENGTH) {
      // The stretch with the most weight of highlighted words; from the start if that is as
      // good, else from a word boundary a little before its first highlight.
      const hits = words.filter((word) => word.weight);
      const weightFrom = (from) =>
        hits
          .filter((word) => word.start >= from && word.end <= from + SNIPPET_LENGTH)
          .reduce((sum, word) => sum + word.weight, 0);
      let bestWeight = weightFrom(0);
      for (const hit of hits) {
        let from = Math.max(0, hit.start - SNIPPET_LEAD);
        const space = passage.indexOf(" ", from);
        if (from > 0 && space !== -1 && space < hit.start) from = space + 1;
        const weight = weightFrom(from);
        if (weight > bestWeight) {
          bestWeight = weight;
          start = from;
        }
      }
      end = Math.min(passage.length, start + SNIPPET_LENGTH);
      const space = passage.lastIndexOf(" ", end);
      if (end < passage.length && space > start) end = space;
    }
    if (start > 0) p.append("… ");
    let cursor = start;
    for (const word of words) {
      if (!word.weight || word.start < start || word.end > end) continue;
      p.append(passage.slice(cursor, word.start));
      const mark = document.createElement("mark");
      mark.textContent = passage.slice(word.start, word.end);
      p.append(mark);
      cursor = word.end;
    }
    p.append(passage.slice(cursor, end));
    if (end < passage.length) p.append(" …");
    return p;
  }

  // -- the page ----------------------------------------------------------------------------------

  /** The way from this page to the root of the guide (the links in the index start there). */
  function contentRoot() {
    return document.documentElement.dataset.content_root ?? "";
  }

  function pluralTreffer(count) {
    return count === 1 ? "1 Treffer" : `${count} Treffer`;
  }

  function render(container, search, query) {
    const heading = document.createElement("h2");
    heading.textContent = "Suchergebnisse";
    const summary = document.createElement("p");
    summary.className = "search-summary";
    const list = document.createElement("ul");
    list.className = "search";
    container.replaceChildren(heading, summary, list);

    const { positions, results } = search.search(query);
    if (!positions.length) {
      summary.textContent =
        "Die Anfrage enthält keine Suchbegriffe, nur Füllwörter. Bitte geben Sie ein Stichwort " +
        "oder eine Frage mit inhaltlichen Wörtern ein.";
      return;
    }
    if (!results.length) {
      summary.textContent =
        `Keine Treffer für „${query}“. Prüfen Sie die Schreibweise oder versuchen Sie ` +
        "andere Wörter.";
      return;
    }
    const shown = results.slice(0, RESULT_LIMIT);
    for (const result of shown) {
      const doc = result.document;
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = contentRoot() + doc.url;
      link.textContent = doc.question;
      link.dataset.score = result.score.toFixed(3);
      const where = document.createElement("span");
      where.className = "leitfaden-treffer-ort";
      where.textContent = `Nr. ${doc.number} · ${doc.chapter}`;
      const highlight = highlightTerms(search.analysis, positions, result.terms);
      item.append(link, where, snippetElement(bestPassage(search.analysis, doc, highlight)));
      list.append(item);
    }
    summary.textContent =
      results.length > shown.length
        ? `${pluralTreffer(results.length)} für „${query}“; die ${shown.length} passendsten ` +
          "stehen hier, die besten zuerst."
        : `${pluralTreffer(results.length)} für „${query}“, die besten zuerst.`;
  }

  function failure(container, message) {
    const summary = document.createElement("p");
    summary.className = "search-summary";
    summary.textContent = message;
    container.replaceChildren(summary);
  }

  let engine = null;

  function guideSearch() {
    if (engine === null) {
      const data = window.LeitfadenSuchindex;
      const stemmer = new GermanStemmer();
      engine = new GuideSearch(data, new GermanQueryAnalysis(data.analysis, stemmer));
    }
    return engine;
  }

  function start() {
    const container = document.getElementById("search-results");
    if (container === null) return;
    const query = (new URLSearchParams(window.location.search).get("q") ?? "").trim();
    const field = document.getElementById("leitfaden-suchfeld");
    if (field !== null) field.value = query;
    if (!query) {
      if (field !== null) field.focus();
      return;
    }
    if (typeof MiniSearch === "undefined" || typeof window.LeitfadenSuchindex !== "object") {
      failure(container, "Die Suche konnte nicht geladen werden. Bitte laden Sie die Seite neu.");
      return;
    }
    render(container, guideSearch(), query);
  }

  // For tests and other scripts: the analysis and the ranking without the page.
  window.LeitfadenSuche = {
    queryTerms: (text) => guideSearch().analysis.queryTerms(text),
    lowWeight: (term) => guideSearch().analysis.lowWeight(term),
    wordPairs: (positions) => wordPairs(positions),
    search: (text) =>
      guideSearch()
        .search(text)
        .results.map(({ document, score, terms }) => ({ id: document.id, score, terms })),
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
