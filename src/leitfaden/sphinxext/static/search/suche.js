/*
 * The guide's search page (leitfaden.sphinxext.search): a port of the terminal's search
 * (leitfaden.engine.search.search), so that the page finds and ranks exactly like
 * `leitfaden suche`.
 *
 * - GermanQueryAnalysis: an exact port of leitfaden.engine.analysis.GermanAnalysis.query_terms
 *   (see the docstring of that module for the algorithm); its tables and patterns come from
 *   GermanAnalysis.browser_data() in suchindex.js, the stemmer is the Snowball German stemmer that
 *   Sphinx ships (german-stemmer.js), the same algorithm as Python's snowballstemmer.
 * - The query side of leitfaden.engine.search: the query syntax (words, "Wortfolgen", UND, ODER,
 *   NICHT, parentheses) and its German error messages, the factors of a word's alternative terms,
 *   typo corrections with their "Meinten Sie …?" suggestion, snippets.
 * - GuideIndex: leitfaden.engine.index.SearchIndex over the index in suchindex.js, which holds what
 *   the terminal's Whoosh index holds (each term's postings with the weights of the ranking model's
 *   step 1, the guide's words, the sentences of each entry): steps 2-4 of the ranking model
 *   (leitfaden.engine.ranking, numbers from `model`) and the engine's limits (`engine`).
 * - The page reads ?q=… (and optionally ?kapitel=…, ?schlagwort=…), lists the results best
 *   first as links in #search-results ul.search with a snippet, and fills p.search-summary last.
 *
 * Python counts characters as code points and its regular expressions know Unicode digits and
 * whitespace: the port does the same wherever a result could differ (lengths, cuts, \s, \d).
 */
(function () {
  "use strict";

  const FORMAT = 2;

  // Python's whitespace (str.isspace, re's \s): JavaScript's \s lacks \x1c-\x1f and \x85 and
  // has \ufeff, which Python does not count.
  const WS_CHARS =
    "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680" +
    "\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const WS = `[${WS_CHARS}]`;
  const NOT_WS = `[^${WS_CHARS}]`;
  const STRIP = new RegExp(`^${WS}+|${WS}+$`, "gu");
  const WS_RUN = new RegExp(`${WS}+`, "u");

  /** Python's str.strip(). */
  function pyStrip(text) {
    return text.replace(STRIP, "");
  }

  /** Python's str.split() without arguments. */
  function pySplit(text) {
    return pyStrip(text).split(WS_RUN).filter(Boolean);
  }

  /** Python's len(): code points, not UTF-16 units. */
  function codePoints(text) {
    let count = 0;
    for (const _ of text) count++;
    return count;
  }

  /** Python's comparison of tuples (numbers and strings, element by element). */
  function compareTuples(a, b) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return a.length - b.length;
  }

  /** heapq.nlargest(count, items, key): sorted by key, largest first, ties in given order. */
  function nlargest(count, items, key) {
    const keyed = items.map((item) => [key(item), item]);
    keyed.sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : 0));
    return keyed.slice(0, count).map((pair) => pair[1]);
  }

  // -- the query analysis (port of leitfaden.engine.analysis) -------------------------------------

  // Fixed parts of the algorithm (module leitfaden.engine.analysis); the rest comes from
  // browser_data().
  const NUMBER_JOINER = /[0-9]{1,4}[a-z]?|bis|-/g;
  const ABSATZ = /(?:abs\.?|absatz) *([0-9]{1,3}[a-z]?)|\(([0-9]{1,3}[a-z]?)\)/u;
  const PARAGRAPH_WORD = /^[0-9]{1,3}[a-z]$/;
  const NOT_ALNUM = /[^a-z0-9]/g;
  const DIGITS = /^[0-9]+$/;
  const VOWELS = "aeiouy";
  const LETTERS = /^[a-z]+$/;
  const LINKS = ["", "s", "es", "n", "en", "e"];
  const COMBINING_MARK = /\p{M}/gu;
  const ASCII = /^[\x00-\x7f]*$/;
  const escapeRegExp = (text) => text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

  function addUnique(list, item) {
    if (!list.includes(item)) list.push(item);
  }

  /** _runs: [start, size, group] for each run of keys equal to an entry [keys..., group]. */
  function* runs(keys, table) {
    for (let index = 0; index < keys.length; index++) {
      for (const entry of table.get(keys[index]) ?? []) {
        const size = entry.length - 1;
        const window = keys.slice(index, index + size);
        if (window.length === size && window.every((key, i) => key === entry[i])) {
          yield [index, size, entry[size]];
        }
      }
    }
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
      this.affiliation = new RegExp(data.affiliated, "g");
      this.sEndings = data.s_endings;
      this.suffixes = data.suffixes;
      this.unknownHeadEndings = data.unknown_head_endings;
      this.adjectiveEnd = new RegExp(data.adjective_end, "u");
      this.onsets = new Set(data.onsets);
      this.lexicon = new Set(data.lexicon);
      this.heads = new Set(data.heads);
      this.single = new Map(Object.entries(data.single));
      this.phrases = new Map(Object.entries(data.phrases));
      this.idioms = new Map(Object.entries(data.idioms));
      this.idiomTerms = new Set();
      for (const idioms of this.idioms.values()) {
        for (const idiom of idioms) this.idiomTerms.add(idiom[idiom.length - 1]);
      }
      this.idiomWord = data.idiom_word;
      this.minPart = data.min_part;
      this.minHead = data.min_head;
      this.minTail = data.min_tail;
      // Words that start with a long stop word ("weitergeben") are particles, not compounds.
      this.prefixStopwords = data.stopwords.filter((word) => word.length >= data.min_head);
      this.minCompound = data.min_compound;
      this.linkers = data.linkers;
      this.inflections = data.inflections;
      this.feminine = data.feminine;
      this.particles = new Set(data.particles);
      this.particlesLongestFirst = [...data.particles].sort(
        (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0),
      );
      this.verbInfixes = data.verb_infixes;
      this.particleSpellings = new Set(data.particle_spellings);
      this.clauseEnd = new RegExp(data.clause_end, "u");
      this.clauseTrailing = new Set(data.clause_trailing);
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

    /**
     * clause_particles: for each clause that ends in a particle of a separable verb, the folded
     * words before it that can be its verb (the first and every lowercase one) and the particle.
     */
    clauseParticles(text) {
      const found = [];
      for (const clause of text.split(this.clauseEnd)) {
        // Python: clause.rstrip(trailing).rpartition(" ")[2].lower()
        let end = clause.length;
        while (end > 0 && this.clauseTrailing.has(clause[end - 1])) end--;
        const stripped = clause.slice(0, end);
        const last = stripped.slice(stripped.lastIndexOf(" ") + 1).toLowerCase();
        if (!this.particleSpellings.has(last)) continue; // most clauses: nothing to fold
        const words = clause.match(RAW_LETTERS) ?? [];
        if (words.length < 2) continue;
        const particle = this.fold(words[words.length - 1]);
        if (!this.particles.has(particle)) continue;
        const verbs = new Set();
        words.slice(0, -1).forEach((word, at) => {
          if (at === 0 || isLower(word[0])) verbs.add(this.fold(word));
        });
        found.push([verbs, particle]);
      }
      return found;
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

    /** _masculine: the lexicon's masculine form of a feminine noun, or null. */
    masculine(word) {
      for (const suffix of this.feminine) {
        if (!word.endsWith(suffix)) continue;
        const base = word.slice(0, word.length - suffix.length);
        if (base.length < this.minHead) return null;
        for (const form of [base, base + "e", base + "en"]) {
          if (this.lexicon.has(form)) return form;
        }
        return null;
      }
      return null;
    }

    /** Step 6a-b: the stem of a folded word, after mending forms Snowball keeps apart. */
    primary(word) {
      const lexicon = this.lexicon;
      const masculine = this.masculine(word);
      if (masculine !== null) return this.stem(masculine); // Kollegin, Kolleginnen -> Kollegen
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
        } else if (
          (word.endsWith("ert") || word.endsWith("elt")) &&
          lexicon.has(word.slice(0, -1) + "n")
        ) {
          word = word.slice(0, -1) + "n"; // fordert -> fordern, regelt -> regeln
        }
      }
      return this.stem(word);
    }

    /** _plain_infinitive: a separable verb's infinitive with "zu" or its participle in
     * "-en" as the lexicon's plain infinitive. */
    plainInfinitive(word) {
      if (word.length < this.minCompound + 2 || !word.endsWith("n")) return word;
      for (const particle of this.particlesLongestFirst) {
        for (const infix of this.verbInfixes) {
          if (word.startsWith(particle) && word.startsWith(infix, particle.length)) {
            const plain = particle + word.slice(particle.length + infix.length);
            if (plain.length > particle.length + 3 && this.lexicon.has(plain)) return plain;
          }
        }
      }
      return word;
    }

    /** Step 6 a-d: the terms of one word, or null for stop words and single letters. */
    word(word) {
      if ((word.length === 1 && !DIGITS.test(word)) || this.stopwords.has(word)) return null;
      if (!LETTERS.test(word)) {
        const terms = [word];
        if (PARAGRAPH_WORD.test(word)) terms.push("p" + word);
        for (const group of this.single.get(word) ?? []) addUnique(terms, group);
        return terms;
      }
      word = this.plainInfinitive(word);
      const terms = [this.primary(word)];
      for (const part of this.compoundParts(word)) addUnique(terms, this.primary(part));
      for (const key of terms.slice()) {
        for (const group of this.single.get(key) ?? []) addUnique(terms, group);
      }
      return terms;
    }

    /**
     * Steps 1-7: the alternative terms of each position of text, the primary term first;
     * sources (if given) receives the folded word of each position ("" for citations).
     */
    queryTerms(text, sources = null) {
      const positions = [];
      // For idioms: each word's key (its primary, or idiomWord and a stop word) and position.
      const words = this.idioms.size ? [] : null;
      for (const match of this.fold(text).matchAll(this.token)) {
        const chain = match[8];
        if (chain !== undefined) {
          const parts = chain.split("-");
          if (words !== null && parts.length > 1) words.push(["", -1]);
          const first = positions.length;
          for (const part of parts) {
            const terms = this.word(part);
            if (terms !== null) {
              positions.push(terms.slice());
              if (sources !== null) sources.push(part);
            }
            if (words !== null && parts.length === 1) {
              if (terms !== null) words.push([terms[0], positions.length - 1]);
              else words.push([this.stopwords.has(part) ? this.idiomWord + part : "", -1]);
            }
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
        if (words !== null) words.push(["", -1]);
        const law = match[7];
        if (law !== undefined) {
          positions.push([this.laws.get(law.replace(NOT_ALNUM, "")) ?? law]);
        } else {
          positions.push(...this.citation(match));
        }
        if (sources !== null) while (sources.length < positions.length) sources.push("");
      }
      if (this.phrases.size) this.matchPhrases(positions);
      if (words !== null && words.length) this.matchIdioms(words, positions);
      return positions;
    }

    /** _match_idioms: a thesaurus member of stop words and one word, matched word for word. */
    matchIdioms(words, positions) {
      const keys = words.map(([key]) => key);
      for (const [index, size, group] of runs(keys, this.idioms)) {
        // The run's one word that is no stop word (stop words have position -1).
        const last = Math.max(...words.slice(index, index + size).map(([, at]) => at));
        addUnique(positions[last], group);
      }
    }

    /**
     * affiliated: the words of a folded query text that name the people of an organisation
     * just before naming it ("die Kolleginnen im ASD"); they weigh as filler words.
     */
    affiliated(folded) {
      return new Set(Array.from(folded.matchAll(this.affiliation), (match) => match[1]));
    }

    /** filler: a low-weight word to which no idiom has given a meaning. */
    filler(source, terms) {
      if (!terms.length || !this.lowWeightTerms.has(terms[0])) return false;
      const own = this.word(source) ?? [];
      return !terms.some((term) => this.idiomTerms.has(term) && !own.includes(term));
    }

    /** Like queryTerms, each position paired with the folded word it comes from. */
    queryWords(text) {
      const sources = [];
      const positions = this.queryTerms(text, sources);
      return positions.map((terms, index) => [sources[index], terms]);
    }

    citation(match) {
      const unit = match[1] ?? match[3];
      const prefix = unit.startsWith("art") ? "art" : "p";
      let numbers;
      if (match[4] !== undefined) {
        numbers = [match[4].replaceAll(" ", "")];
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
      for (const [index, size, group] of runs(primaries, this.phrases)) {
        addUnique(positions[index + size - 1], group);
      }
    }

    // -- decompounding --

    compoundParts(word) {
      const cached = this.splits.get(word);
      if (cached !== undefined) return cached;
      const masculine = this.masculine(word);
      if (masculine !== null) {
        // A feminine form has the parts of its masculine one, not "innen".
        const parts = this.compoundParts(masculine);
        this.splits.set(word, parts);
        return parts;
      }
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
      // Or an unknown first part and the longest known last part ("vollzeit|krafte").
      if (this.adjectiveEnd.test(word)) return [];
      for (let start = this.minTail; start <= size - this.minTail; start++) {
        const tail = word.slice(start);
        if (
          this.finalKnown(tail) &&
          !this.suffixes.some((s) => tail.startsWith(s)) &&
          this.wordStart(tail) &&
          !this.unknownHeadEndings.some((ending) => word.slice(0, start).endsWith(ending))
        ) {
          return [word.slice(0, start), tail];
        }
      }
      return [];
    }

    /**
     * compounds_ending_in: the lexicon's compounds whose last part is the folded word tail
     * (after a lexicon word or a head, with or without a linker), alphabetically.
     */
    compoundsEndingIn(tail) {
      if (
        tail.length < this.minHead ||
        this.suffixes.some((suffix) => tail.startsWith(suffix)) ||
        !this.wordStart(tail)
      ) {
        return [];
      }
      const found = [];
      for (const word of this.lexicon) {
        if (!word.endsWith(tail) || word.length < tail.length + this.minPart) continue;
        const first = word.slice(0, word.length - tail.length);
        for (const linker of this.linkers) {
          const size = first.length - linker.length;
          if (size >= this.minPart && first.endsWith(linker)) {
            const stem = first.slice(0, size);
            if (this.lexicon.has(stem) || this.heads.has(stem)) {
              found.push(word);
              break;
            }
          }
        }
      }
      return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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

    /**
     * head_parts: the parts a folded compound ends with, or, when all of them are low-weight
     * words ("formular"), the parts that end where that head begins (through a linking element).
     */
    headParts(word) {
      const parts = this.compoundParts(word);
      const ends = parts.filter((part) => word.endsWith(part));
      const low = (part) => {
        const terms = this.word(part);
        return terms !== null && terms.length > 0 && this.lowWeightTerms.has(terms[0]);
      };
      if (!ends.length || !ends.every(low)) return new Set(ends);
      const rest = word.slice(0, word.length - Math.min(...ends.map((part) => part.length)));
      const inner = parts.filter(
        (part) =>
          !ends.includes(part) &&
          LINKS.some((link) => rest.endsWith(part + link)) &&
          !low(part),
      );
      return new Set(inner.length ? inner : ends);
    }
  }

  // -- the query (port of leitfaden.engine.search) ------------------------------------------------

  /** A query that cannot be searched; the message says why and what to do. */
  class QueryError extends Error {
    constructor(message) {
      super(message);
      this.name = "QueryError";
    }
  }

  const QUOTES = "\"„“”«»‟";
  const OPERATORS = { UND: "and", ODER: "or", NICHT: "not" };
  const WILDCARDS = [
    [
      "*",
      "Jokerzeichen wie „*“ sind nicht nötig: Die Suche findet Wortteile und andere " +
        "Wortformen von selbst. Lassen Sie das „*“ weg.",
    ],
    [
      "~",
      "„~“ für eine unscharfe Suche ist nicht nötig: Tippfehler werden von selbst erkannt. " +
        "Lassen Sie das „~“ weg.",
    ],
    ["^", "Gewichtungen mit „^“ werden nicht unterstützt. Lassen Sie das „^“ weg."],
  ];
  const ABSATZ_PARENS = new RegExp(`\\(${WS}*[0-9]{1,3}[a-z]?${WS}*\\)`, "gu");
  const SYNTAX = new RegExp(
    `([${QUOTES}])|(\\()|(\\))|(?<!${NOT_WS})(UND|ODER|NICHT)(?!${NOT_WS})`,
    "gu",
  );
  const CITATION_SPAN = new RegExp(
    `(?:§§?|Paragra(?:ph|f)(?:en|s)?|Art\\.?|Artikel)${WS}*\\p{Nd}{1,4}[a-z]?` +
      `(?:${WS}*(?:Abs\\.?|Absatz|Satz|S\\.?|Nr\\.?|Nummer)${WS}*\\p{Nd}{1,3}[a-z]?)*`,
    "giu",
  );
  // Python's [^\W_]: letters and numbers.
  const WORD_SPAN = /[\p{L}\p{N}]+(?:[-*:_·/][\p{L}\p{N}]+)*/gu;
  const SEARCHABLE = /[a-z0-9]/;
  const CITATION_TERM = /^(?:p|art)[0-9]/;
  const HIGHLIGHT_START = "\x02";
  const HIGHLIGHT_END = "\x03";
  const CONTROL = /^\p{Cc}$/u;
  const INVALID = /^[\p{Cs}\p{Co}\p{Cn}]$/u;
  const UPPER = /^\p{Uppercase}$/u;
  const LOWER = /^\p{Lowercase}$/u;

  function hex(char) {
    return char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  /** _check_characters: the query's text, or a QueryError. */
  function checkCharacters(query, gender, maxLength) {
    if (!pyStrip(query)) {
      throw new QueryError(
        "Die Suche ist leer. Geben Sie ein oder mehrere Wörter ein, " +
          "z. B. „Datenschutz Weitergabe“.",
      );
    }
    const length = codePoints(query);
    if (length > maxLength) {
      throw new QueryError(
        `Die Suche ist zu lang (${length} Zeichen, höchstens ${maxLength}). ` +
          "Fassen Sie Ihre Frage in wenigen Wörtern zusammen.",
      );
    }
    for (const char of query) {
      if (CONTROL.test(char) && !"\t\n\r".includes(char)) {
        throw new QueryError(
          `Die Suche enthält ein Steuerzeichen (U+${hex(char)}). Geben Sie nur Text ein.`,
        );
      }
      if (INVALID.test(char)) {
        throw new QueryError(
          `Die Suche enthält ein ungültiges Zeichen (U+${hex(char)}). Geben Sie nur Text ein.`,
        );
      }
    }
    const text = query.normalize("NFKC").replace(gender, "$1");
    for (const [mark, message] of WILDCARDS) {
      if (text.includes(mark)) throw new QueryError(message);
    }
    return text;
  }

  /** A piece of query syntax: "text", "phrase", "(", ")", "and", "or" or "not". */
  class Token {
    constructor(kind, text = "") {
      this.kind = kind;
      this.text = text;
    }
  }

  /** _tokens */
  function tokenize(text) {
    const tokens = [];
    // "(2)" after a paragraph number is an Absatz, not a group.
    const guarded = text.replace(ABSATZ_PARENS, (match) =>
      match.replaceAll("(", "\x00").replaceAll(")", "\x01"),
    );
    let position = 0;
    let quoteOpen = false;
    let phraseStart = 0;
    for (const match of guarded.matchAll(SYNTAX)) {
      const end = match.index + match[0].length;
      if (quoteOpen) {
        if (match[1] !== undefined) {
          tokens.push(new Token("phrase", guarded.slice(phraseStart, match.index)));
          quoteOpen = false;
          position = end;
        }
        continue;
      }
      const before = guarded.slice(position, match.index);
      if (pyStrip(before)) tokens.push(new Token("text", before));
      position = end;
      if (match[1] !== undefined) {
        quoteOpen = true;
        phraseStart = end;
      } else if (match[2] !== undefined) {
        tokens.push(new Token("("));
      } else if (match[3] !== undefined) {
        tokens.push(new Token(")"));
      } else {
        tokens.push(new Token(OPERATORS[match[4]], match[4]));
      }
    }
    if (quoteOpen) {
      throw new QueryError(
        "Ein Anführungszeichen ist nicht geschlossen. Setzen Sie eine Wortfolge in ein Paar " +
          "Anführungszeichen, z. B. „Frühe Hilfen“, oder lassen Sie sie weg.",
      );
    }
    const rest = guarded.slice(position);
    if (pyStrip(rest)) tokens.push(new Token("text", rest));
    for (const token of tokens) {
      token.text = token.text.replaceAll("\x00", "(").replaceAll("\x01", ")");
    }
    return tokens;
  }

  /**
   * A query word: its analysed alternatives and the folded word it comes from. run: which
   * stretch of free text it comes from; corrected: factors of alternatives from a correction;
   * minor: counts the model's low_weight (a filler word, a word that "außer" excludes or that
   * names the people of an organisation after it); cited: counts the model's cited_statute
   * (the statute of the citation before it).
   */
  class QueryWord {
    constructor(source, terms, exact = false, run = -1) {
      this.source = source;
      this.terms = terms;
      this.exact = exact;
      this.run = run;
      this.corrected = new Map();
      this.minor = false;
      this.cited = false;
      this.particles = [];
    }
  }

  /**
   * _split_runs_at_citations: number the stretches of free text (run) of one text token's
   * words from first on and return the next free number; citations and statutes (words
   * without a source) stay out of them, the words on either side of one are two stretches.
   */
  function splitRunsAtCitations(words, first) {
    let stretch = first;
    let open = false;
    for (const word of words) {
      if (word.source) {
        word.run = stretch;
        open = true;
      } else if (open) {
        stretch += 1;
        open = false;
      }
    }
    return open ? stretch + 1 : stretch;
  }

  /**
   * _names_statute_of: whether word is the statute that the citation before names ("§ 8a SGB
   * VIII": the citation's terms already carry the statute).
   */
  function namesStatuteOf(word, before) {
    const statute = word.terms[0];
    return (
      !word.source &&
      word.terms.length === 1 &&
      before.terms.some(
        (term) => CITATION_TERM.test(term) && term.endsWith(statute) && term !== statute,
      )
    );
  }

  const LETTERS_ONLY = /^[a-z]+$/;
  // Python's [^\W\d_]: letters and the numerals that are no decimal digits.
  const RAW_LETTERS = /[\p{L}\p{Nl}\p{No}]+/gu;
  // str.islower() for one character: a cased letter in lower case.
  const isLower = (char) => char !== char.toUpperCase() && char === char.toLowerCase();

  const ARTICLE = "(?:(?:der|die|das|den|dem|des|einer?|unseren?|unserer) +)?";
  const EXCEPTED = new RegExp(
    `(?:^|[^a-z])ausser +(${ARTICLE}[a-z]+(?: *(?:,|und|oder|sowie) *${ARTICLE}[a-z]+)*)`,
    "g",
  );

  /**
   * _mark_excepted: give the words that "außer" excludes ("Mit wem außer Kitas und Schulen …?")
   * the weight of a filler word: the question is about something else.
   */
  function markExcepted(folded, words) {
    const excepted = new Set();
    for (const match of folded.matchAll(EXCEPTED)) {
      for (const word of match[1].match(/[a-z]+/g)) excepted.add(word);
    }
    for (const word of words) {
      if (excepted.has(word.source)) word.minor = true;
    }
  }

  /**
   * _mark_affiliated: give a word for the people of an organisation that names it ("die
   * Kolleginnen im ASD") the weight of a filler word (GermanQueryAnalysis.affiliated).
   */
  function markAffiliated(folded, words, analysis) {
    const found = analysis.affiliated(folded);
    for (const word of words) {
      if (found.has(word.source)) word.minor = true;
    }
  }

  /**
   * _mark_particles: note on each word the particles of separable verbs that end a clause it
   * can be the verb of ("Wie läuft die Sprechstunde ab?": "ab" for "läuft", not for the noun).
   */
  function markParticles(text, words, analysis) {
    for (const [members, particle] of analysis.clauseParticles(text)) {
      for (const word of words) {
        if (members.has(word.source) && !word.particles.includes(particle)) {
          word.particles.push(particle);
        }
      }
    }
  }

  /**
   * _join_split_compounds: give a word the guide's compound that it forms with the word before
   * it ("Kinder Schutz" → "Kinderschutz", also with a linking "s"), counting model.joined;
   * only where the two stand side by side in the folded query, with nothing but spaces or a
   * hyphen between them.
   */
  function joinSplitCompounds(words, analysis, model, folded) {
    for (let i = 1; i < words.length; i++) {
      const first = words[i - 1].source;
      const second = words[i].source;
      const word = words[i];
      if (!(LETTERS_ONLY.test(first) && LETTERS_ONLY.test(second))) continue;
      if (Math.min(first.length, second.length) < 3) continue;
      if (!new RegExp(`(?:^|[^a-z])${first}[ -]+${second}(?![a-z])`).test(folded)) continue;
      for (const joined of [first + second, `${first}s${second}`]) {
        if (analysis.lexicon.has(joined)) {
          const terms = analysis.queryTerms(joined);
          if (terms.length && !word.terms.includes(terms[0][0])) {
            word.terms.push(terms[0][0]);
            word.corrected.set(terms[0][0], model.joined);
          }
          break;
        }
      }
    }
  }

  /** Part of the parsed query: "soft", "and", "or", "not" or "phrase" over its children. */
  class QueryGroup {
    constructor(kind, children) {
      this.kind = kind;
      this.children = children;
    }
  }

  function operatorError(operator) {
    return new QueryError(
      operator !== "NICHT"
        ? `„${operator}“ braucht einen Suchbegriff davor und danach, z. B. ` +
            "„Kinderschutz UND Datenschutz“ oder „Kita NICHT Schule“. Als gewöhnliches Wort " +
            "schreiben Sie es klein."
        : "„NICHT“ braucht einen Suchbegriff danach, z. B. „Kita NICHT Schule“. Als " +
            "gewöhnliches Wort schreiben Sie es klein.",
    );
  }

  function nothingToSearch() {
    return new QueryError(
      "Die Suche enthält nur Füllwörter wie „wie“, „der“ oder „und“ und kein Wort, nach " +
        "dem gesucht werden kann. Geben Sie ein Fachwort ein, z. B. „Kinderschutz“.",
    );
  }

  function lonelyNot() {
    return new QueryError(
      "Mit „NICHT“ allein findet die Suche nichts: Nennen Sie auch, was gesucht wird, " +
        "z. B. „Kita NICHT Schule“.",
    );
  }

  const STOPS = [null, ")", "and", "or"];

  /**
   * _Parser: recursive descent over the tokens: soft := or+; or := and (ODER and)*;
   * and := not (UND not)*; not := NICHT not | atom; atom := word | phrase | ( soft ).
   */
  class Parser {
    constructor(tokens, analysis, model) {
      this.analysis = analysis;
      this.items = [];
      let stretch = 0;
      tokens.forEach((token) => {
        if (token.kind === "text") {
          const words = analysis
            .queryWords(token.text)
            .map(([source, terms]) => new QueryWord(source, terms));
          for (let i = 1; i < words.length; i++) {
            const word = words[i];
            word.minor = analysis.filler(word.source, word.terms);
            word.cited = namesStatuteOf(word, words[i - 1]);
          }
          if (words.length) words[0].minor = analysis.filler(words[0].source, words[0].terms);
          stretch = splitRunsAtCitations(words, stretch);
          joinSplitCompounds(words, analysis, model, analysis.fold(token.text));
          markExcepted(analysis.fold(token.text), words);
          markAffiliated(analysis.fold(token.text), words, analysis);
          markParticles(token.text, words, analysis);
          this.items.push(...words);
        } else {
          this.items.push(token);
        }
      });
      this.index = 0;
    }

    peek() {
      if (this.index >= this.items.length) return null;
      const item = this.items[this.index];
      return item instanceof QueryWord ? "word" : item.kind;
    }

    parse() {
      const result = this.soft(true);
      if (this.index < this.items.length) {
        throw new QueryError(
          "Zu einer schließenden Klammer „)“ fehlt die öffnende. Prüfen Sie die Klammern " +
            "oder lassen Sie sie weg.",
        );
      }
      return result;
    }

    soft(top = false) {
      const children = [];
      while (this.peek() !== null && this.peek() !== ")") {
        const kind = this.peek();
        if (kind === "and" || kind === "or") throw operatorError(this.operatorText());
        children.push(this.disjunction());
      }
      if (!children.length) {
        if (top) throw nothingToSearch();
        throw new QueryError(
          "Zwischen den Klammern steht kein suchbares Wort. Schreiben Sie Suchbegriffe in " +
            "die Klammern oder lassen Sie sie weg.",
        );
      }
      return new QueryGroup("soft", children);
    }

    operatorText() {
      const item = this.items[this.index];
      return item instanceof Token ? item.text : "";
    }

    disjunction() {
      const children = [this.conjunction()];
      while (this.peek() === "or") {
        const operator = this.operatorText();
        this.index += 1;
        if (STOPS.includes(this.peek())) throw operatorError(operator);
        children.push(this.conjunction());
      }
      return children.length === 1 ? children[0] : new QueryGroup("or", children);
    }

    conjunction() {
      const children = [this.negation()];
      while (this.peek() === "and") {
        const operator = this.operatorText();
        this.index += 1;
        if (STOPS.includes(this.peek())) throw operatorError(operator);
        children.push(this.negation());
      }
      return children.length === 1 ? children[0] : new QueryGroup("and", children);
    }

    negation() {
      if (this.peek() === "not") {
        this.index += 1;
        if (STOPS.includes(this.peek())) throw operatorError("NICHT");
        return new QueryGroup("not", [this.negation()]);
      }
      return this.atom();
    }

    atom() {
      const item = this.items[this.index];
      this.index += 1;
      if (item instanceof QueryWord) return item;
      if (item.kind === "phrase") {
        const words = this.analysis
          .queryWords(item.text)
          .map(([source, terms]) => new QueryWord(source, [terms[0]], true));
        if (!words.length) {
          const shown = Array.from(pyStrip(item.text)).slice(0, 60).join("");
          throw new QueryError(
            `Die Wortfolge „${shown}“ enthält kein suchbares Wort. ` +
              "Schreiben Sie Fachwörter in die Anführungszeichen.",
          );
        }
        return words.length === 1 ? words[0] : new QueryGroup("phrase", words);
      }
      if (item.kind === "(") {
        const group = this.soft();
        if (this.peek() !== ")") {
          throw new QueryError(
            "Eine Klammer „(“ wird nicht geschlossen. Ergänzen Sie „)“ oder lassen Sie " +
              "die Klammer weg.",
          );
        }
        this.index += 1;
        return group;
      }
      throw operatorError(item.text || item.kind);
    }
  }

  /** _words: the query words of a parse tree, in order. */
  function queryWordsOf(node, out = []) {
    if (node instanceof QueryWord) {
      out.push(node);
    } else {
      for (const child of node.children) queryWordsOf(child, out);
    }
    return out;
  }

  // -- the index (port of leitfaden.engine.index.SearchIndex) -------------------------------------

  /** _distance: Damerau-Levenshtein distance (optimal string alignment). */
  function distance(a, b) {
    let previous2 = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const ca = a[i - 1];
      const current = [i, ...new Array(b.length).fill(0)];
      for (let j = 1; j <= b.length; j++) {
        const cb = b[j - 1];
        const cost = ca === cb ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb) {
          current[j] = Math.min(current[j], previous2[j - 2] + 1);
        }
      }
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /** _in_sequence: whether the words stand one after the other somewhere. */
  function inSequence(places) {
    const [first, ...rest] = places;
    if (!first || !first.size) return false;
    for (const start of first) {
      if (rest.every((found, offset) => found && found.has(start + offset + 1))) return true;
    }
    return false;
  }

  /** _constrained: whether a query restricts which documents may match beyond "any word". */
  function constrained(node) {
    if (node.kind === "word" || node.kind === "phrase") return false;
    if (node.kind === "soft") return node.children.some(constrained);
    return true;
  }

  /** _clauses: the positive words of a query, in order: what scores and counts as matched. */
  function clausesOf(node) {
    if (node.kind === "word") {
      return [
        { alternatives: node.alternatives, run: node.run, phrase: false, weight: node.weight },
      ];
    }
    if (node.kind === "phrase") {
      return [
        {
          alternatives: node.terms.map((term) => [term, 1.0]),
          run: -1,
          phrase: node.terms.length > 1,
          weight: 1.0,
        },
      ];
    }
    if (node.kind === "without") return clausesOf(node.positive);
    return node.children.flatMap(clausesOf);
  }

  function union(sets) {
    const result = new Set();
    for (const set of sets) for (const item of set) result.add(item);
    return result;
  }

  /** The postings of one term, decoded from the index's [document, weight, positions…]. */
  class Postings {
    constructor(raw) {
      const size = raw.length;
      this.docs = new Array(size);
      this.weights = new Array(size);
      this.positions = new Array(size);
      raw.forEach((posting, index) => {
        this.docs[index] = posting[0];
        // Whoosh keeps weights as 32-bit floats; the index writes the shortest such number.
        this.weights[index] = Math.fround(posting[1]);
        const at = new Array(posting.length - 2);
        let position = 0;
        for (let i = 2; i < posting.length; i++) {
          position += posting[i];
          at[i - 2] = position;
        }
        this.positions[index] = at;
      });
    }

    /** Where docnum is among the documents (binary search), or -1. */
    find(docnum) {
      let low = 0;
      let high = this.docs.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.docs[middle] < docnum) low = middle + 1;
        else high = middle;
      }
      return low < this.docs.length && this.docs[low] === docnum ? low : -1;
    }
  }

  class GuideIndex {
    constructor(data, analysis) {
      this.analysis = analysis;
      this.model = data.model;
      this.engine = data.engine;
      this.documents = data.documents;
      this.total = data.documents.length;
      this.chapters = new Map(data.chapters);
      this.raw = new Map(Object.entries(data.postings));
      this.idfs = new Map(Object.entries(data.idf).map(([count, idf]) => [Number(count), idf]));
      this.decoded = new Map();
      this.spellings = new Map(Object.entries(data.spellings));
      // The guide's words by first letter: spelling candidates share it (Whoosh's prefix=1).
      this.words = new Map();
      for (const word of data.words) {
        const first = word[0];
        if (!this.words.has(first)) this.words.set(first, []);
        this.words.get(first).push(word);
      }
    }

    postings(term) {
      let found = this.decoded.get(term);
      if (found === undefined) {
        const raw = this.raw.get(term);
        found = raw === undefined ? null : new Postings(raw);
        this.decoded.set(term, found);
      }
      return found;
    }

    /** Whether any entry contains term. */
    known(term) {
      return this.raw.has(term);
    }

    frequency(term) {
      return this.raw.get(term)?.length ?? 0;
    }

    /**
     * The ranking model's idf (step 2), ln(1 + (N - n + 0.5) / (n + 0.5)) ^ idf_power: as the
     * index computed it for every document frequency of its terms (Math.log may differ in the
     * last bit).
     */
    idfOf(count) {
      return (
        this.idfs.get(count) ??
        Math.log(1 + (this.total - count + 0.5) / (count + 0.5)) ** this.model.idf_power
      );
    }

    idf(term) {
      return this.idfOf(this.frequency(term));
    }

    /**
     * The guide's words within maxdist edits of the folded word (same first letter, Levenshtein
     * distance as Whoosh's terms_within counts it), closest first by Damerau-Levenshtein
     * distance, then those whose stem more entries contain, then alphabetically.
     */
    similarWords(word, maxdist) {
      // Words with the same first letter within maxdist edits, a swap of two neighbouring
      // letters counting as one (optimal string alignment, as in Python).
      const ranked = [];
      for (const candidate of this.words.get(word[0]) ?? []) {
        if (candidate === word || Math.abs(candidate.length - word.length) > maxdist) continue;
        const edits = distance(word, candidate);
        if (edits > maxdist) continue;
        const stem = this.analysis.queryTerms(candidate);
        const frequency = stem.length ? this.frequency(stem[0][0]) : 0;
        ranked.push([edits, -frequency, candidate]);
      }
      ranked.sort(compareTuples);
      return ranked.map((item) => item[2]);
    }

    /** How the guide spells a folded word ("kinderschutz" -> "Kinderschutz"). */
    spelling(word) {
      return this.spellings.get(word) ?? word;
    }

    /** Weight (and positions) of term in each of the sorted docnums containing it. */
    lookup(term, docnums) {
      const found = new Map();
      const postings = this.postings(term);
      if (postings === null || !docnums.length) return found;
      let index = 0;
      const { docs } = postings;
      for (const docnum of docnums) {
        while (index < docs.length && docs[index] < docnum) index++;
        if (index >= docs.length) break;
        if (docs[index] === docnum) {
          found.set(docnum, [postings.weights[index], postings.positions[index]]);
        }
      }
      return found;
    }

    docsOf(term) {
      return new Set(this.postings(term)?.docs ?? []);
    }

    /** Documents holding the terms at consecutive positions (Whoosh's Phrase, slop 1). */
    phraseDocs(terms) {
      const postings = terms.map((term) => this.postings(term));
      if (postings.some((found) => found === null)) return new Set();
      const result = new Set();
      for (const docnum of postings[0].docs) {
        const places = [];
        for (const found of postings) {
          const at = found.find(docnum);
          if (at === -1) break;
          places.push(new Set(found.positions[at]));
        }
        if (places.length === terms.length && inSequence(places)) result.add(docnum);
      }
      return result;
    }

    /** _docset: the documents a (sub)query matches, ignoring scores. */
    docset(node) {
      if (node.kind === "word") return union(node.alternatives.map(([term]) => this.docsOf(term)));
      if (node.kind === "phrase") {
        return node.terms.length === 1 ? this.docsOf(node.terms[0]) : this.phraseDocs(node.terms);
      }
      if (node.kind === "all") {
        const sets = node.children.map((child) => this.docset(child));
        if (!sets.length) return new Set();
        return new Set([...sets[0]].filter((docnum) => sets.every((set) => set.has(docnum))));
      }
      if (node.kind === "soft" || node.kind === "any") {
        return union(node.children.map((child) => this.docset(child)));
      }
      const result = this.docset(node.positive);
      for (const negative of node.negatives) {
        for (const docnum of this.docset(negative)) result.delete(docnum);
      }
      return result;
    }

    /** run: the best limit entries for the query tree, best first. */
    run(node, limit, kapitel = null, schlagwort = null) {
      let allowed = constrained(node) ? this.docset(node) : null;
      for (const [field, value] of [
        ["kapitel", kapitel],
        ["schlagwort", schlagwort],
      ]) {
        if (!value) continue;
        const docs = new Set();
        if (field === "kapitel") {
          this.documents.forEach((doc, docnum) => doc.chapter === value && docs.add(docnum));
        } else {
          const key = pySplit(this.analysis.fold(value)).join(" ");
          this.documents.forEach((doc, docnum) => doc.keywords.includes(key) && docs.add(docnum));
        }
        allowed = allowed === null ? docs : new Set([...allowed].filter((d) => docs.has(d)));
      }
      const clauses = clausesOf(node).map((clause) => ({ ...clause, restrict: null }));
      for (const clause of clauses) {
        if (clause.phrase) {
          clause.restrict = this.docset({
            kind: "phrase",
            terms: clause.alternatives.map(([term]) => term),
          });
        }
      }
      const { ranked, matches } = this.rank(clauses, allowed, limit);
      return {
        matches,
        hits: ranked.map(([docnum, score]) => ({ document: this.documents[docnum], score })),
      };
    }

    /** _rank: score term at a time, then re-rank the best candidates. */
    rank(clauses, allowed, limit) {
      const engine = this.engine;
      const model = this.model;
      if (!clauses.length) return { ranked: [], matches: 0 };
      const terms = [];
      clauses.forEach((clause, index) => {
        for (const [term, weight] of clause.alternatives) {
          terms.push([this.frequency(term), index, term, weight]);
        }
      });
      terms.sort(compareTuples);
      const full = [];
      const lazy = [];
      let spent = 0;
      for (const [frequency, index, term, weight] of terms) {
        if (!frequency) continue;
        if (!full.length || spent + frequency <= engine.postings_budget) {
          full.push([index, term, weight]);
          spent += frequency;
        } else {
          lazy.push([index, term, weight]);
        }
      }
      // Per query word and document: the summed scores of its matching alternatives, and
      // the best of them (ranking model, step 3).
      const sums = clauses.map(() => new Map());
      const bests = clauses.map(() => new Map());
      const add = (index, docnum, score) => {
        const found = sums[index];
        const best = bests[index];
        found.set(docnum, (found.get(docnum) ?? 0.0) + score);
        if (score > (best.get(docnum) ?? 0.0)) best.set(docnum, score);
      };
      // RankingModel.word_score
      const wordScore = (total, best) => best + model.other_terms * (total - best);
      for (const [index, term, weight] of full) {
        const factor = this.idf(term) * weight * clauses[index].weight;
        const restrict = clauses[index].restrict;
        const { docs, weights } = this.postings(term);
        for (let i = 0; i < docs.length; i++) {
          const docnum = docs[i];
          if (restrict === null || restrict.has(docnum)) add(index, docnum, factor * weights[i]);
        }
      }
      let total = new Map();
      sums.forEach((found, index) => {
        const best = bests[index];
        for (const [docnum, value] of found) {
          total.set(docnum, (total.get(docnum) ?? 0.0) + wordScore(value, best.get(docnum) ?? 0.0));
        }
      });
      if (allowed !== null) total = new Map([...total].filter(([docnum]) => allowed.has(docnum)));
      const pool = nlargest(Math.max(engine.pool, limit), [...total.keys()], (d) => total.get(d));
      pool.sort((a, b) => a - b);
      for (const [index, term, weight] of lazy) {
        const idf = this.idf(term);
        if (idf < engine.minimum_idf) continue; // in nearly every entry: no change of order
        const factor = idf * weight * clauses[index].weight;
        const restrict = clauses[index].restrict;
        for (const [docnum, [value]] of this.lookup(term, pool)) {
          if (restrict === null || restrict.has(docnum)) add(index, docnum, factor * value);
        }
      }
      let count = 0;
      for (const clause of clauses) count += clause.weight;
      const final = new Map();
      for (const docnum of pool) {
        let score = 0.0;
        let matched = 0.0;
        clauses.forEach((clause, index) => {
          const value = sums[index].get(docnum);
          if (value !== undefined) {
            score += wordScore(value, bests[index].get(docnum) ?? 0.0);
            matched += clause.weight;
          }
        });
        // RankingModel.coordinated
        final.set(docnum, score * (matched / count) ** model.coordination);
      }
      const best = nlargest(Math.max(engine.candidates, limit), [...final.keys()], (d) =>
        final.get(d),
      );
      const leading = [...best].sort((a, b) => a - b);
      this.proximity(clauses, leading, final);
      this.bestQuestion(clauses, leading, final);
      const ranked = [...best].sort((a, b) => {
        const difference = final.get(b) - final.get(a);
        return difference > 0 ? 1 : difference < 0 ? -1 : a - b;
      });
      return {
        ranked: ranked.slice(0, limit).map((docnum) => [docnum, final.get(docnum)]),
        matches: total.size,
      };
    }

    /**
     * _best_question: raise the score of entries by their best-matching question, the largest
     * share of the query's words (by weight) that one of their questions contains, each word
     * as fully as the best of its terms there counts (a compound part by its factor).
     */
    bestQuestion(clauses, docnums, final) {
      const model = this.model;
      if (clauses.length < 2 || !model.question_match) return;
      const stride = model.question_stride;
      const end = model.questions_end;
      const shares = new Map();
      for (const clause of clauses) {
        // Per entry and question: the largest factor of the word's terms found in it.
        const present = new Map();
        const primary = clause.alternatives[0][0];
        for (const [term, factor] of clause.alternatives) {
          if (!this.frequency(term)) continue;
          // A compound of the guide that ends in the word ("Elterncafé" for "Café") holds all
          // of it; a part of the word holds it by the part's factor.
          const value = term.endsWith(primary) ? 1.0 : Math.min(1.0, factor);
          for (const [docnum, [, at]] of this.lookup(term, docnums)) {
            if (!present.has(docnum)) present.set(docnum, new Map());
            const mine = present.get(docnum);
            for (const position of at) {
              if (position >= end) continue;
              const question = Math.floor(position / stride);
              if (value > (mine.get(question) ?? 0.0)) mine.set(question, value);
            }
          }
        }
        for (const [docnum, mine] of present) {
          if (!shares.has(docnum)) shares.set(docnum, new Map());
          const found = shares.get(docnum);
          for (const [question, value] of mine) {
            found.set(question, (found.get(question) ?? 0.0) + clause.weight * value);
          }
        }
      }
      let count = 0;
      for (const clause of clauses) count += clause.weight;
      for (const [docnum, found] of shares) {
        if (!found.size) continue;
        const share = Math.max(...found.values()) / count;
        final.set(docnum, final.get(docnum) * (1 + model.question_match * share ** model.question_power));
      }
    }

    /**
     * _proximity: raise the score of entries in which neighbouring query words (any of their
     * alternatives, in either order) stand side by side, by the share of such pairs.
     */
    proximity(clauses, docnums, final) {
      const model = this.model;
      const prefix = this.analysis.groupPrefix;
      const pairs = [];
      for (let left = 0; left + 1 < clauses.length; left++) {
        const run = clauses[left].run;
        if (run >= 0 && run === clauses[left + 1].run) pairs.push([left, left + 1]);
      }
      if (!pairs.length) return;
      const places = new Map();
      for (const index of new Set(pairs.flat())) {
        const found = new Map();
        const alternatives = clauses[index].alternatives;
        // The word itself (for a word the guide lacks, its first alternative the guide has:
        // the correction) and its synonyms; parts stand where their compound stands.
        const known = alternatives.find(([term]) => this.frequency(term));
        const first = known ? known[0] : alternatives[0][0];
        const terms = [first];
        for (const [term] of alternatives) {
          if (term.startsWith(prefix) && term !== first) terms.push(term);
        }
        for (const term of terms) {
          for (const [docnum, [, at]] of this.lookup(term, docnums)) {
            if (!found.has(docnum)) found.set(docnum, new Set());
            for (const position of at) found.get(docnum).add(position);
          }
        }
        places.set(index, found);
      }
      const runs = new Map();
      clauses.forEach((clause, index) => {
        if (clause.run < 0) return;
        if (!runs.has(clause.run)) runs.set(clause.run, []);
        runs.get(clause.run).push(index);
      });
      for (const docnum of docnums) {
        let adjacent = 0;
        for (const [left, right] of pairs) {
          const first = places.get(left).get(docnum);
          const second = places.get(right).get(docnum);
          if (first && second && [...first].some((p) => second.has(p + 1) || second.has(p - 1))) {
            adjacent += 1;
          }
        }
        let score = final.get(docnum);
        score *= 1 + (model.proximity * adjacent) / pairs.length;
        for (const members of runs.values()) {
          const sequence = members
            .filter((index) => places.has(index))
            .map((index) => places.get(index).get(docnum));
          if (sequence.length === members.length && members.length >= 2 && inSequence(sequence)) {
            score *= model.exact;
          }
        }
        final.set(docnum, score);
      }
    }
  }

  // -- searching (port of leitfaden.engine.search) ------------------------------------------------

  /** Python's str.rfind(" ", start, end) over code points. */
  function rfindSpace(chars, start, end) {
    for (let i = Math.min(end, chars.length) - 1; i >= start; i--) if (chars[i] === " ") return i;
    return -1;
  }

  /** A map from UTF-16 offsets of text to code point offsets (null when they are the same). */
  function codePointOffsets(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return null;
    const offsets = new Array(text.length + 1);
    let point = 0;
    for (let unit = 0; unit < text.length; ) {
      offsets[unit] = point;
      const code = text.codePointAt(unit);
      const size = code > 0xffff ? 2 : 1;
      if (size === 2) offsets[unit + 1] = point;
      unit += size;
      point += 1;
    }
    offsets[text.length] = point;
    return offsets;
  }

  class GuideSearch {
    constructor(data, analysis) {
      this.analysis = analysis;
      this.index = new GuideIndex(data, analysis);
      this.model = data.model;
      this.engine = data.engine;
      this.gender = new RegExp(data.analysis.gender, "gu");
    }

    /** search(): the hits for a query, best first, and a suggestion; throws QueryError. */
    search(query, { limit = 10, kapitel = null, schlagwort = null } = {}) {
      if (typeof query !== "string") throw new QueryError("Die Suche muss Text sein.");
      const text = checkCharacters(query, this.gender, this.engine.max_query_length);
      const tokens = tokenize(text);
      return this.searchTokens(query, tokens, limit, kapitel, schlagwort);
    }

    /** _search */
    searchTokens(query, tokens, limit, kapitel, schlagwort) {
      const analysis = this.analysis;
      const index = this.index;
      if (
        kapitel !== null &&
        kapitel !== undefined &&
        index.chapters.size &&
        !index.chapters.has(kapitel)
      ) {
        const known = [...index.chapters.keys()].join(", ");
        throw new QueryError(`Unbekanntes Kapitel „${kapitel}“. Erlaubt: ${known}.`);
      }
      const texts = tokens.filter((t) => t.kind === "text" || t.kind === "phrase");
      if (!texts.length) {
        if (tokens.length) {
          throw new QueryError(
            "Die Suche enthält nur Operatoren oder Klammern. Geben Sie Suchbegriffe ein, " +
              "z. B. „Kita UND Schule“.",
          );
        }
        throw nothingToSearch();
      }
      if (!texts.some((t) => SEARCHABLE.test(analysis.fold(t.text)))) {
        throw new QueryError(
          "Die Suche enthält keine Wörter, nur Satz- oder Sonderzeichen. Geben Sie " +
            "Suchbegriffe ein, z. B. „Datenschutz Weitergabe“.",
        );
      }
      const tree = new Parser(tokens, analysis, this.model).parse();
      const words = queryWordsOf(tree);
      if (!words.length) throw nothingToSearch();
      const maxWords = this.engine.max_words;
      if (words.length > maxWords) {
        throw new QueryError(
          `Die Suche hat zu viele Wörter (${words.length}, höchstens ${maxWords}). ` +
            "Beschränken Sie sich auf die wichtigsten Begriffe.",
        );
      }
      this.joinParticles(words);
      const corrections = this.correct(words);
      const node = this.node(tree);
      const { hits, matches } = index.run(node, Math.max(1, limit), kapitel, schlagwort);
      const needles = this.needles(words);
      return {
        query,
        suggestion: this.suggestion(query, corrections),
        matches,
        hits: hits.map(({ document, score }) => ({
          id: document.id,
          number: document.number,
          question: document.question,
          chapter: document.chapter,
          score,
          snippet: this.snippet(document.sentences, words, needles),
          url: document.url,
        })),
      };
    }

    // -- from parse tree to query tree --

    /** _heads: the terms of a folded compound's head parts (headParts). */
    heads(source) {
      const heads = new Set();
      for (const part of this.analysis.headParts(source)) {
        const terms = this.analysis.queryTerms(part);
        if (terms.length) heads.add(terms[0][0]);
      }
      return heads;
    }

    /**
     * _part_groups: thesaurus groups that only a compound part of the word calls up, with the
     * part's factor (its head's or a modifier's).
     */
    partGroups(source, primary) {
      const model = this.model;
      const single = this.analysis.single;
      const own = new Set(single.get(primary) ?? []);
      const found = new Map();
      const heads = this.analysis.headParts(source);
      for (const part of this.analysis.compoundParts(source)) {
        const terms = this.analysis.queryTerms(part);
        if (!terms.length) continue;
        const factor = heads.has(part) ? model.part_head : model.part_modifier;
        for (const group of single.get(terms[0][0]) ?? []) {
          if (!own.has(group)) found.set(group, Math.max(found.get(group) ?? 0.0, factor));
        }
      }
      return found;
    }

    /** _weights: each alternative term of a query word with its factor (ranking, step 3). */
    weights(word) {
      const model = this.model;
      const primary = word.terms[0];
      const citation = CITATION_TERM.test(primary);
      const compound = word.terms.length > 1 && Boolean(word.source);
      const heads = compound ? this.heads(word.source) : new Set();
      const partGroups = compound ? this.partGroups(word.source, primary) : new Map();
      return word.terms.map((term, index) => {
        let weight;
        if (word.corrected.has(term)) {
          weight = word.corrected.get(term);
        } else if (index === 0 || (citation && term.startsWith(primary))) {
          weight = model.primary;
        } else if (partGroups.has(term)) {
          weight = model.group * partGroups.get(term);
        } else if (term.startsWith(this.analysis.groupPrefix)) {
          weight = model.group;
        } else if (heads.has(term)) {
          weight = model.part_head;
        } else {
          weight = model.part_modifier;
        }
        return [term, weight];
      });
    }

    /** _node */
    node(group) {
      if (group instanceof QueryWord) {
        const model = this.model;
        const weight = group.cited ? model.cited_statute : group.minor ? model.low_weight : 1.0;
        return { kind: "word", alternatives: this.weights(group), run: group.run, weight };
      }
      if (group.kind === "phrase") {
        return { kind: "phrase", terms: queryWordsOf(group).map((word) => word.terms[0]) };
      }
      const isNot = (child) => child instanceof QueryGroup && child.kind === "not";
      const positives = group.children.filter((child) => !isNot(child));
      const negatives = group.children.filter(isNot).map((child) => this.node(child.children[0]));
      if (group.kind === "not") throw lonelyNot();
      if (!positives.length) throw lonelyNot();
      if (group.kind === "or" && negatives.length) {
        throw new QueryError(
          "„NICHT“ lässt sich nicht mit „ODER“ verbinden. Schreiben Sie z. B. " +
            "„Kita NICHT Schule“.",
        );
      }
      const kinds = { soft: "soft", and: "all", or: "any" };
      const children = positives.map((child) => this.node(child));
      const positive =
        children.length === 1 ? children[0] : { kind: kinds[group.kind], children };
      return negatives.length ? { kind: "without", positive, negatives } : positive;
    }

    // -- typing errors --

    /**
     * _compound_heads: for a word the guide has only as the last part of compounds, the
     * commonest of these compounds as alternatives; whether there were any.
     */
    compoundHeads(word) {
      const analysis = this.analysis;
      const index = this.index;
      const ranked = new Map();
      for (const compound of analysis.compoundsEndingIn(word.source)) {
        const terms = analysis.queryTerms(compound);
        if (!terms.length) continue;
        const frequency = index.frequency(terms[0][0]);
        if (frequency) ranked.set(terms[0][0], [-frequency, terms[0][0]]);
      }
      let found = false;
      const best = [...ranked.values()].sort(compareTuples).slice(0, this.engine.compound_heads);
      for (const [, term] of best) {
        if (!word.terms.includes(term)) {
          word.terms.push(term);
          word.corrected.set(term, this.model.part_in_index_head);
          found = true;
        }
      }
      return found;
    }

    /** _correct: fuzzy alternatives for words the guide does not contain. */
    /**
     * _join_particles: give a word the stem of the verb it forms with a particle at the end of
     * its clause, if the guide has it ("läuft … aus" → "auslauf"), counting model.joined.
     */
    joinParticles(words) {
      for (const word of words) {
        if (!LETTERS_ONLY.test(word.source)) continue;
        for (const particle of word.particles) {
          const term = particle + word.terms[0];
          if (!word.terms.includes(term) && this.index.known(term)) {
            word.terms.push(term);
            word.corrected.set(term, this.model.joined);
          }
        }
      }
    }

    correct(words) {
      const analysis = this.analysis;
      const index = this.index;
      const corrections = new Map();
      for (const word of words) {
        const source = word.source;
        if (
          word.exact ||
          source.length < 4 ||
          !LETTERS.test(source) ||
          index.known(word.terms[0])
        ) {
          continue;
        }
        if (this.compoundHeads(word)) continue;
        const maxdist = source.length <= 7 ? 1 : 2;
        const candidates = index.similarWords(source, maxdist);
        if (!candidates.length) {
          this.correctParts(word);
          continue;
        }
        const best = candidates[0];
        if (source.length >= this.engine.suggest_two_edits || distance(source, best) <= 1) {
          corrections.set(source, best);
        }
        this.addCorrection(word, best, 1.0);
      }
      return corrections;
    }

    /** _add_correction: the terms of the correction best, each times factor and fuzzy. */
    addCorrection(word, best, factor) {
      const model = this.model;
      for (const alternative of this.analysis.queryTerms(best).slice(0, 1)) {
        const alternatives = this.weights(new QueryWord(best, alternative));
        alternatives.forEach(([term, weight], position) => {
          if (!word.terms.includes(term)) {
            word.terms.push(term);
            const share = position === 0 ? model.primary : weight;
            word.corrected.set(term, factor * share * model.fuzzy);
          }
        });
      }
    }

    /**
     * _correct_parts: for a compound with a typo in one of its parts, whose whole the guide
     * has nothing close to, correct each part the guide does not know as a word of its own
     * and add the correction's terms as parts (head's or modifier's factor, times fuzzy).
     */
    correctParts(word) {
      const analysis = this.analysis;
      const index = this.index;
      const model = this.model;
      const heads = new Set(analysis.headParts(word.source));
      for (const part of analysis.compoundParts(word.source)) {
        const terms = analysis.queryTerms(part);
        if (part.length < this.engine.min_corrected_part || !terms.length) continue;
        if (index.known(terms[0][0])) continue;
        const candidates = index.similarWords(part, part.length <= 7 ? 1 : 2);
        if (!candidates.length) continue;
        const factor = heads.has(part) ? model.part_head : model.part_modifier;
        this.addCorrection(word, candidates[0], factor);
      }
    }

    /** _suggestion: the query with corrected words, or null. */
    suggestion(query, corrections) {
      if (!corrections.size) return null;
      const normalised = pySplit(query).join(" ");
      const suggestion = normalised.replace(WORD_SPAN, (text) => {
        const folded = pyStrip(this.analysis.fold(text));
        const correction = corrections.get(folded);
        if (correction === undefined) return text;
        let shown = this.index.spelling(correction);
        const first = String.fromCodePoint(text.codePointAt(0));
        const shownFirst = shown ? String.fromCodePoint(shown.codePointAt(0)) : "";
        if (UPPER.test(first) && LOWER.test(shownFirst)) {
          shown = shownFirst.toUpperCase() + shown.slice(shownFirst.length);
        }
        return shown;
      });
      return suggestion !== normalised ? suggestion : null;
    }

    // -- snippets --

    /** _needles: per query word, strings one of which a matching folded word contains. */
    needles(words) {
      const keys = this.analysis.groupKeys;
      const prefix = this.analysis.groupPrefix;
      return words.map((word) => {
        const needles = new Set();
        for (const term of word.terms) {
          if (term.startsWith(prefix)) {
            for (const key of keys.get(term) ?? []) if (key.length >= 3) needles.add(key);
          } else if (!CITATION_TERM.test(term) && term.length >= 3) {
            needles.add(term);
          }
        }
        return needles;
      });
    }

    /**
     * _snippet: the sentence that contains the most query words (the first on a tie), with
     * the next one if it is short, cut around the first match and with matches marked.
     */
    snippet(sentences, words, needles) {
      if (!sentences.length) return "";
      const length = this.engine.snippet_length;
      let best = 0;
      let bestScore = 0;
      sentences.forEach((sentence, position) => {
        const folded = this.analysis.fold(sentence);
        let score = 0;
        for (const group of needles) {
          for (const needle of group) {
            if (folded.includes(needle)) {
              score += 1;
              break;
            }
          }
        }
        if (score > bestScore) {
          best = position;
          bestScore = score;
        }
      });
      let text = sentences[best];
      if (codePoints(text) < Math.floor(length / 2) && best + 1 < sentences.length) {
        text = `${text} ${sentences[best + 1]}`;
      }
      const spans = this.spans(text, words, needles);
      const chars = Array.from(text);
      const slice = (from, to) => chars.slice(from, to).join("");
      let start = 0;
      let end = chars.length;
      if (end > length) {
        // The literal 40 of _snippet: how far before the first match a cut may start.
        if (spans.length && spans[0][1] > length - 40) {
          start = rfindSpace(chars, 0, Math.max(spans[0][0] - 40, 0)) + 1;
        }
        end = rfindSpace(chars, start, start + length);
        if (end <= start) end = start + length;
      }
      const pieces = start ? ["… "] : [];
      let position = start;
      for (const [first, last] of spans) {
        if (first < position || last > end) continue;
        pieces.push(slice(position, first), HIGHLIGHT_START, slice(first, last), HIGHLIGHT_END);
        position = last;
      }
      pieces.push(
        end < chars.length ? slice(position, end).replace(/[ ,;:–-]+$/u, "") : slice(position),
      );
      if (end < chars.length) pieces.push(" …");
      return pieces.join("");
    }

    /** _spans: where in text a query word matches (a citation counts as one unit). */
    spans(text, words, needles) {
      const analysis = this.analysis;
      const wanted = new Set(words.flatMap((word) => word.terms));
      const everything = union(needles);
      const offsets = codePointOffsets(text);
      const at = (unit) => (offsets === null ? unit : offsets[unit]);
      const matches = (span) => analysis.queryTerms(span).some((t) => t.some((x) => wanted.has(x)));
      const spans = [];
      for (const match of text.matchAll(CITATION_SPAN)) {
        if (matches(match[0])) spans.push([at(match.index), at(match.index + match[0].length)]);
      }
      for (const match of text.matchAll(WORD_SPAN)) {
        const start = at(match.index);
        if (spans.some(([first, last]) => first <= start && start < last)) continue;
        const folded = analysis.fold(match[0]);
        let contains = false;
        for (const needle of everything) {
          if (folded.includes(needle)) {
            contains = true;
            break;
          }
        }
        if (!contains) continue;
        if (matches(match[0])) spans.push([start, at(match.index + match[0].length)]);
      }
      return spans.sort(compareTuples);
    }
  }

  // -- the page ----------------------------------------------------------------------------------

  /** The way from this page to the root of the guide (the links in the index start there). */
  function contentRoot() {
    return document.documentElement.dataset.content_root ?? "";
  }

  function pluralTreffer(count) {
    return count === 1 ? "1 Treffer" : `${count} Treffer`;
  }

  /** A <p class="context"> with the snippet's marked words as <mark>. */
  function snippetElement(snippet) {
    const p = document.createElement("p");
    p.className = "context";
    const pieces = snippet.split(new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`));
    pieces.forEach((piece, index) => {
      if (index % 2) {
        const mark = document.createElement("mark");
        mark.textContent = piece;
        p.append(mark);
      } else if (piece) {
        p.append(piece);
      }
    });
    return p;
  }

  function suggestionElement(suggestion) {
    const p = document.createElement("p");
    p.className = "leitfaden-vorschlag";
    const link = document.createElement("a");
    link.href = `?${new URLSearchParams({ q: suggestion })}`;
    link.textContent = suggestion;
    p.append("Meinten Sie: „", link, "“?");
    return p;
  }

  function render(container, engine, query, options) {
    const heading = document.createElement("h2");
    heading.textContent = "Suchergebnisse";
    const summary = document.createElement("p");
    summary.className = "search-summary";
    container.replaceChildren(heading);

    let result;
    try {
      result = engine.search(query, options);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      container.append(summary);
      summary.textContent = error.message;
      return;
    }
    if (result.suggestion !== null) container.append(suggestionElement(result.suggestion));
    container.append(summary);
    const { hits, matches } = result;
    if (!hits.length) {
      summary.textContent =
        `Keine Treffer für „${query}“. Prüfen Sie die Schreibweise oder versuchen Sie ` +
        "andere oder weniger Wörter.";
      return;
    }
    const list = document.createElement("ul");
    list.className = "search";
    const chapters = engine.index.chapters;
    for (const hit of hits) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = contentRoot() + hit.url;
      link.textContent = hit.question;
      link.dataset.score = hit.score.toFixed(3);
      const where = document.createElement("span");
      where.className = "leitfaden-treffer-ort";
      where.textContent = `Nr. ${hit.number} · ${chapters.get(hit.chapter) ?? hit.chapter}`;
      item.append(link, where, snippetElement(hit.snippet));
      list.append(item);
    }
    container.insertBefore(list, summary.nextSibling);
    summary.textContent =
      matches > hits.length
        ? `${pluralTreffer(matches)} für „${query}“; die ${hits.length} passendsten ` +
          "stehen hier, die besten zuerst."
        : `${pluralTreffer(matches)} für „${query}“, die besten zuerst.`;
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
      if (typeof data !== "object" || data === null || data.format !== FORMAT) {
        throw new Error("Der Suchindex fehlt oder passt nicht zu suche.js.");
      }
      engine = new GuideSearch(data, new GermanQueryAnalysis(data.analysis, new GermanStemmer()));
    }
    return engine;
  }

  const RESULT_LIMIT = 10;

  function start() {
    const container = document.getElementById("search-results");
    if (container === null) return;
    const parameters = new URLSearchParams(window.location.search);
    const query = (parameters.get("q") ?? "").trim();
    const field = document.getElementById("leitfaden-suchfeld");
    if (field !== null) field.value = query;
    if (!query) {
      if (field !== null) field.focus();
      return;
    }
    const data = window.LeitfadenSuchindex;
    if (
      typeof GermanStemmer === "undefined" ||
      typeof data !== "object" ||
      data === null ||
      data.format !== FORMAT
    ) {
      failure(container, "Die Suche konnte nicht geladen werden. Bitte laden Sie die Seite neu.");
      return;
    }
    const options = {
      limit: RESULT_LIMIT,
      kapitel: parameters.get("kapitel") || null,
      schlagwort: parameters.get("schlagwort") || null,
    };
    render(container, guideSearch(), query, options);
  }

  function outcome(text, options) {
    try {
      return guideSearch().search(text, options);
    } catch (error) {
      if (error instanceof QueryError) return { query: text, error: error.message };
      throw error;
    }
  }

  // For tests and other scripts: the analysis and the search without the page.
  window.LeitfadenSuche = {
    queryTerms: (text) => guideSearch().analysis.queryTerms(text),
    queryWords: (text) => guideSearch().analysis.queryWords(text),
    lowWeight: (term) => guideSearch().analysis.lowWeight(term),
    /** The ranking model's idf of a term in count entries. */
    idf: (count) => guideSearch().index.idfOf(count),
    /** The guide's words close to a folded word, best first (SearchIndex.similar_words). */
    similarWords: (word, maxdist) => guideSearch().index.similarWords(word, maxdist),
    /**
     * Like leitfaden.engine.search.search: {query, suggestion, matches, hits: [{id, number,
     * question, chapter, score, snippet, url}]}, or {query, error} for a query it rejects.
     */
    search: (text, options = {}) => outcome(text, options),
    /** search() for each of texts. */
    searchAll: (texts, options = {}) => texts.map((text) => outcome(text, options)),
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
