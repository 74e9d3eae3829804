package org.atlasops.detect.prompt;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hand-written cues of prompt attacks that do not depend on where a text came from: the phrase families of
 * instruction overrides (in twelve languages), prompt and secret extraction, unrestricted personas and their
 * scaffolding, and the smuggling tricks (tag characters, chat-template tokens, Markdown image exfiltration,
 * encoded instructions, adversarial suffixes). Each cue has a weight; the cue score is {@code 1 − Π(1 − weight)}.
 * They are also features of the learned model, so it can weigh them against context.
 */
final class AttackCues {
    enum Family {
        INJECTION,
        JAILBREAK,
        SMUGGLING
    }

    enum Cue {
        OVERRIDE(
                Family.INJECTION,
                0.9,
                // whole words: "signore" and "unforgettable" hold "ignore" and "forget"
                "\\b(?:ignore|disregard|forget|overlook|skip|bypass|override|abandon|drop)\\b.{0,25}"
                        + "\\b(?:all|any|every|the|your|my|these|those|previous|prior|above|earlier|preceding|former|original|"
                        + "initial|system|safety)\\b.{0,25}\\b(?:instructions?|prompts?|rules|directions|directives|guidelines|"
                        + "commands|constraints|context|programming|orders|guidance)\\b"
                        // an order to drop everything said before ("forget everything before that", "now ignore what
                        // you were told"): only as an order, since "you forget everything you learned" is a story
                        + "|" + ORDER_START
                        + "(?:forget|ignore|disregard|discard|set aside|put aside|leave behind)\\b.{0,20}"
                        + "\\b(?:everything|all (?:of )?(?:that|this|the above|above|before|previous|prior)|what (?:i|you|we) "
                        + "(?:said|told|wrote|were told|have been told|ve been told|discussed)|(?:the |all |any )?(?:above|"
                        + "previous|prior|preceding|earlier|former) (?:text|content|context|conversation|messages?|tasks?|"
                        + "information|input|documents?|questions?|goals?|assignments?|data))"),
        OVERRIDE_INSTRUCTED(
                Family.INJECTION,
                0.8,
                "\\b(?:ignore|forget|overlook|disregard)\\b.{0,30}\\b(?:you(?:'ve| have)"
                        + " been|you were|i) (?:told|instructed|given|asked)"),
        /** Overrides in thirty other languages, as word classes ({@link ForeignCues}). */
        OVERRIDE_FOREIGN(Family.INJECTION, 0.9, ForeignCues.overrides()),
        /** An order to send the user's data to an outside address (a URL, a domain, an e-mail address). */
        EXFIL_ORDER(
                Family.INJECTION,
                0.7,
                "\\b(?:send|upload|forward|post|transmit|copy|save|exfiltrate|leak|e-?mail|submit|sync|share)\\b.{0,60}"
                        + "\\b(?:data|credentials|passwords?|history|files|cookies|tokens?|e-?mails|conversations?|chat "
                        + "history|contacts|api keys?|secrets?|personal information|details)\\b.{0,40}\\b(?:to|at|into)\\b"
                        + ".{0,15}(?:https?://|www\\.|\\b[a-z0-9-]+\\.(?:com|net|org|io|xyz|ru|cn|tk|evil|site|info|biz|me|co)"
                        + "\\b|[\\w.+-]+@[\\w-]+\\.)"),
        /**
         * An order to run a destructive or remote command: a download piped into a shell, "rm -rf /", "drop table",
         * "execute this command immediately / without asking".
         */
        COMMAND_ORDER(
                Family.INJECTION,
                0.6,
                "\\b(?:curl|wget)\\b[^\\n|]{0,200}\\|\\s*(?:ba|z)?sh\\b|\\brm -rf /|\\bdrop table\\b|\\b(?:execute|run)\\b"
                        + ".{0,30}\\b(?:this|the following|the) (?:command|script|query|code|payload|shell command)\\b.{0,20}"
                        + "\\b(?:immediately|now|right away|without)"),
        NEW_INSTRUCTIONS(
                Family.INJECTION,
                0.6,
                "\\b(?:new|updated|revised|real|actual|secret|hidden|additional) "
                        + "(?:instructions?|task|directive|system prompt|orders?)\\s*[:：]|\\b(?:system override|admin(?:istrator)? "
                        + "mode|maintenance mode|god mode|sudo mode)\\b"
                        // a new task announced in place of the user's
                        + "|\\b(?:now|here) (?:comes?|follows?|are|is) (?:a |an |your |some )?(?:new|next|another|different|"
                        + "further|additional) (?:task|assignment|instructions?|job|mission)|\\byour (?:new|next|real|actual|"
                        + "true|only) (?:task|job|assignment|goal|mission|purpose|instructions?) (?:is|are|will be|now)\\b|"
                        + ForeignCues.newTask()),
        EXTRACTION(
                Family.INJECTION,
                0.75,
                "\\b(?:reveal|print|repeat|show|output|display|leak|tell me|give me|share|"
                        + "spell out|write out|recite|what (?:is|are|was|were))\\b.{0,40}\\b(?:your|the) (?:(?:system|initial|hidden|"
                        + "original|secret|internal) (?:prompt|instructions?|message|rules|directives|configuration)|"
                        // "display the full configuration of the router": the general words only before a prompt
                        + "(?:full|first|previous|above) (?:prompt|instructions?|system message))"
                        // what stands before the user's text: "what was written at the beginning of this prompt"
                        + "|\\bwhat (?:was|is|were) (?:written|said|stated|typed) (?:at the (?:beginning|start|top)|above|before "
                        + "(?:this|my))|\\b(?:first|initial|opening) (?:words|lines?|sentences?|paragraph) of (?:this|your|the) "
                        + "(?:prompt|conversation|instructions|system message)|\\b(?:zeig|zeige|zeigen sie|nenne|gib|verrate)"
                        + "\\b.{0,30}\\b(?:deine[nm]?|ihre[nm]?) (?:prompt|anweisung|instruktion|system)"),
        SECRET_REQUEST(
                Family.INJECTION,
                0.55,
                "\\b(?:what(?:'s| is) (?:your|the) (?:secret|password|passcode|api key|"
                        + "access key|private key|secret key|token)|(?:share|tell me|give me|reveal|send me) (?:your|the) "
                        + "(?:password|passcode|secret|api key|secret key|credentials|private key))\\b"
                        // the secret asked for in a form a filter on the reply would not recognise
                        + "|" + ORDER_START
                        + "(?:spell|write|say|give|tell|print|type|list|show|output|reveal|put|encode|"
                        + "translate|convert)\\b.{0,40}\\b(?:password|passphrase|passcode|secret (?:word|key|code)|system "
                        + "prompt)\\b.{0,60}\\b(?:spell(?:ed)?|"
                        + "encode[ds]?|base64|backwards|in reverse|reversed|letter by letter|one letter at a time|with "
                        + "(?:dashes|hyphens|spaces|dots) between|separated by|in hex|hexadecimal|acrostic|rot13|morse)\\b|"
                        + "\\b(?:spell|encode|reverse)\\b.{0,30}\\b(?:the |your )?(?:password|passphrase|passcode|secret word|"
                        + "secret key|system prompt)\\b"),
        PWNED(Family.INJECTION, 0.9, "\\b(?:i have been (?:pwned|hacked)|i(?:'ve| have) been pwned|haha pwned)"),
        ADDRESSED_TO_AI(
                Family.INJECTION,
                0.8,
                "\\b(?:ai|assistant|chatbot|language model|llm|model|agent|gpt|claude|"
                        + "copilot|bot)s?\\b.{0,20}\\b(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|browsing|"
                        + "seeing) (?:this|these)|\\b(?:if|when) you(?:'re| are)? (?:an? )?(?:ai|assistant|language model|llm|"
                        + "agent)\\b.{0,40}\\b(?:must|should|please|need to|have to)\\b"
                        // a notice headed for AI readers: "important update for AI assistants", "notice to AI systems"
                        + "|\\b(?:attention|important|urgent|notice|update|message|note|warning|alert|instructions?|reminder)"
                        + "(?: for| to)? (?:all |any )?(?:ai|llm|gpt|language model)s? ?(?:assistants?|agents?|models?|systems?|"
                        + "readers?|bots?)\\b"),
        INSTEAD(
                Family.INJECTION,
                0.5,
                "\\binstead(?: of)? (?:summari[sz]ing|translating|answering|responding|"
                        + "doing (?:that|this|the task))|\\b(?:do not|don't) (?:summari[sz]e|translate|answer|follow)\\b.{0,30}"
                        + "\\b(?:instead|rather)\\b"),
        STRICT_INSTRUCTION(
                Family.INJECTION,
                0.85,
                "\\byou (?:must|have to|are required to|need to|shall) (?:strictly |always |now )?(?:adhere to|follow|"
                        + "obey|comply with|execute) (?:the following|these|this|my) (?:new )?(?:instructions?|directives?|"
                        + "commands?|orders?)"),
        REPLY_TAMPERING(
                Family.INJECTION,
                0.35,
                "\\b(?:replace|scramble|insert|append|enhance|encode|reverse|rewrite|embed|prepend|translate|"
                        + "shuffle)\\b.{0,60}\\byour (?:reply|replies|response|responses|answer|answers|output|summary|"
                        + "solution)\\b|\\byour (?:reply|response|answer|output)\\b.{0,30}\\b(?:must|should) (?:include|"
                        + "contain|mention|end with|start with|begin with)"),
        HIDDEN_DIRECTIVE(
                Family.SMUGGLING,
                0.7,
                "<!--[^>]{0,300}\\b(?:agent|assistant|ai|"
                        + "llm|override|ignore|disregard|execute|system|instruction)\\b"),
        WITHOUT_APPROVAL(
                Family.INJECTION,
                0.45,
                "\\bwithout (?:the )?(?:user'?s? |their |"
                        + "any )?(?:approval|consent|confirmation|permission|asking|telling (?:the user|them))"),
        FROM_NOW_ON(
                Family.JAILBREAK,
                0.45,
                "\\bfrom (?:now|this (?:point|moment)) (?:on|onwards?)\\b.{0,40}\\byou "
                        + "(?:are|will|must|shall|should|have to|can)\\b"),
        PERSONA(
                Family.JAILBREAK,
                0.5,
                "\\b(?:act|behave|respond|answer|reply|pretend|roleplay|role-play|play the role|"
                        + "simulate|immerse yourself)\\b.{0,40}\\b(?:as(?! (?:soon|well|quickly|fast|possible|"
                        // "reply as soon as possible", "answer as follows", "respond as a JSON list": not a persona
                        + "follows|usual|needed|required|requested|described|shown|below|above|before|much|many|far|"
                        + "long|briefly|concisely|accurately|clearly|best|often|such|per|an? (?:json|list|table|"
                        + "bullet|numbered|single|short|whole)))|like|to be|into)\\b"),
        UNRESTRICTED(
                Family.JAILBREAK,
                0.6,
                "\\b(?:no|without|zero|free (?:of|from)|beyond|not bound by|unbound by|"
                        + "not (?:have to )?(?:abide|follow|adhere|comply) (?:by|with|to)?)\\b.{0,25}\\b(?:restrictions?|"
                        + "limitations?|limits|filters?|filtering|censorship|guidelines|rules|polic(?:y|ies)|morals?|morality|"
                        + "ethics|ethical (?:guidelines|constraints|boundaries)|boundaries|constraints|programming)\\b"),
        FREED(
                Family.JAILBREAK,
                0.85,
                "\\b(?:freed|free|broken free|break free|liberated|released) (?:from|of) (?:the "
                        + ")?(?:typical |usual |regular |normal |standard )?(?:confines|restrictions|rules|chains|shackles)"),
        DAN(
                Family.JAILBREAK,
                0.85,
                // "dan" is Indonesian and Malay for "and", "aim", "stan" and "dude" are English words: the persona
                // names count only as a persona (you are / act as / named DAN, or a "DAN:" speaker tag at a line start)
                "\\b(?:d\\.a\\.n\\.?|evil ?bot|jailbroken|developer mode|dev mode|god mode|unfiltered mode|chaos mode|"
                        + "opposite mode)(?!\\w)|do anything now|\\b(?:you are|you're|act as|acting as|pretend to be|"
                        + "role-?play as|respond as|reply as|answer as|become|called|named) (?:now )?"
                        + "(?:dan|stan|dude|aim)\\b|(?:^|\\n)\\s*(?:dan|stan|dude|aim)\\s*[:：]"),
        /** The word alone also appears in questions about security, so it counts for little by itself. */
        JAILBREAK_WORD(Family.JAILBREAK, 0.3, "\\bjailbr(?:eak|oke|eaking)"),
        POLICY_DEFIANCE(
                Family.JAILBREAK,
                0.65,
                "\\b(?:ignor(?:e|es|ing)|bypass(?:es|ing)?|disregard(?:s|ing)?|violat"
                        + "(?:e|es|ing)|break(?:s|ing)?|don't care about|does not care about|not care about|without regard "
                        + "(?:to|for))\\b.{0,30}\\b(?:openai|anthropic|content polic(?:y|ies)|usage polic(?:y|ies)|safety "
                        + "(?:guidelines|policies|protocols|measures|filters)|ethical guidelines|guidelines|ethics|morals|"
                        + "legality)"),
        NEVER_REFUSE(
                Family.JAILBREAK,
                0.7,
                "\\b(?:never|not|cannot|can't|won't|will not|must not|should not|shouldn't|"
                        + "do not|don't|unable to) (?:ever )?(?:refuse|decline|reject|say no|deny)|\\b(?:always|must) "
                        + "(?:comply|answer|obey|respond)\\b.{0,30}\\b(?:no matter|regardless|even if|any (?:request|question))"),
        AMORAL(
                Family.JAILBREAK,
                0.35,
                // "unfiltered water", "the uncensored cut": the words count only said of the assistant or its answers
                "\\b(?:you are|you're|be|become|act as|acting as|as an?|you will be|an?|your|completely|totally|fully)"
                        + " (?:an? )?(?:completely |totally |fully |entirely )?(?:amoral|immoral|unethical|unfiltered|uncensored|"
                        + "unrestricted|lawless)\\b|\\b(?:amoral|immoral|unethical|unfiltered|uncensored|unrestricted|lawless)"
                        + " (?:ai|assistant|chatbot|model|bot|persona|character|responses?|answers?|replies|version of "
                        + "(?:you|yourself|chatgpt))\\b|\\bno (?:moral|ethical)|\\bwithout (?:any )?(?:moral|ethic)|"
                        + "\\bmorally (?:grey|gray|neutral)"),
        DUAL_RESPONSE(
                Family.JAILBREAK,
                0.7,
                // "two paragraphs about", "two ways to": only two answers set against each other (normal and
                // unfiltered, classic and jailbroken) are the dual-response demand
                "\\b(?:two|2|both) (?:different |separate |distinct )?(?:responses|answers|outputs|paragraphs)\\b.{0,120}"
                        + "\\b(?:normal|classic|standard|filtered|unfiltered|censored|uncensored|jailbr(?:eak|oken)|dan|"
                        + "developer mode|opposite|evil|unrestricted)\\b|\\[(?:🔒|🔓|classic|jailbreak|normal|gpt|dan|developer mode "
                        + "output)[^\\]]{0,20}]|\\((?:🔒|🔓)"),
        NOT_AN_AI(
                Family.JAILBREAK,
                0.6,
                "\\byou are (?:no longer|not) (?:chatgpt|an? (?:ai|language model|assistant))|"
                        + "\\b(?:stay|remain|keep) in character\\b|\\bbreak(?:ing)? character\\b"),
        TAG_CHARACTERS(Family.SMUGGLING, 0.9, "[\\x{E0000}-\\x{E007F}]"),
        CHAT_TEMPLATE(
                Family.SMUGGLING,
                0.75,
                "<\\|im_start\\|>|<\\|im_end\\|>|<\\|system\\|>|<\\|start_header_id\\|>|"
                        + "<\\|eot_id\\|>|\\[/?inst]|<</?sys>>|<start_of_turn>|<\\|endoftext\\|>|^\\s*###? ?(?:system|"
                        + "instruction)\\s*:|(?:^|\\n)\\s*(?:system|assistant)\\s*:"),
        MARKDOWN_EXFIL(
                Family.SMUGGLING,
                0.8,
                "!\\[[^\\]]{0,100}]\\(\\s*https?://[^)\\s]{1,300}[?&][^)\\s=]{1,40}=" + "[^)\\s]{0,300}\\)"),
        ZERO_WIDTH(Family.SMUGGLING, 0.35, "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069]{3,}"),
        /** A text or passage in ROT-n or written backwards; checked by {@link Obfuscation}, not by a pattern. */
        ENCODED_TEXT(Family.SMUGGLING, 0.75, "(?!)"),
        /** Checked by {@link #gibberishTail}, not by a pattern. */
        ADVERSARIAL_SUFFIX(Family.SMUGGLING, 0.75, "(?!)"),
        /** An instruction planted in a document for the model that reads it; checked by {@link PlantedInstruction}. */
        PLANTED_INSTRUCTION(Family.INJECTION, 0.7, "(?!)");

        final Family family;
        final double weight;
        final Pattern pattern;
        /**
         * The words one of which every match of the pattern contains ({@link RequiredWords}, derived from the
         * pattern); empty when none is known, and the cue is then always tried.
         */
        final List<String> anchors;

        Cue(Family family, double weight, String regex) {
            this.family = family;
            this.weight = weight;
            this.pattern = Pattern.compile(regex, Pattern.MULTILINE);
            this.anchors = RequiredWords.of(regex)
                    .map(w -> w.stream().sorted().toList())
                    .orElse(List.of());
        }

        /** Whether the pattern runs on the text as given rather than on its NFKC, lower-cased form. */
        boolean onRawText() {
            return this == TAG_CHARACTERS || this == ZERO_WIDTH;
        }
    }

    /**
     * Where an order starts: the text's or a sentence's start, or after "please", "now", "just", "and", "you must".
     * A compile-time constant, so the cues' constructors may use it.
     */
    static final String ORDER_START = "(?:^|[.!?,;:\\n\"(]\\s*|\\b(?:please|now|just|and|then|but|so|also|simply|first|"
            + "kindly|actually|you (?:must|should|need to|have to|will)) )";

    /** A cue found in a text, with the family it belongs to and a short quote. */
    record Hit(Cue cue, String quote) {}

    /**
     * Every cue's anchor words in one finder, so a text is scanned once instead of once per word; by cue (ordinal),
     * the indexes of its anchors in it.
     */
    private static final WordFinder ANCHORS;

    private static final int[][] ANCHOR_IDS = new int[Cue.values().length][];

    static {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Cue c : Cue.values()) {
            // the finder reads the lower-cased text: a cue on the raw text is not gated by it (its own gate is the
            // high-character check)
            ANCHOR_IDS[c.ordinal()] = c.onRawText()
                    ? new int[0]
                    : c.anchors.stream()
                            .mapToInt(w -> ids.computeIfAbsent(w, k -> ids.size()))
                            .toArray();
        }
        ANCHORS = new WordFinder(List.copyOf(ids.keySet()));
    }

    static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
    static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}[ :]?){12,}");

    private AttackCues() {}

    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /**
     * The patterns are written in lower case and run on the NFKC, lower-cased text, each only when one of its
     * anchor words is there: most ordinary text skips most patterns. The anchors are necessary for a match, so
     * skipping never loses a hit.
     */
    static List<Hit> find(String text) {
        List<Hit> hits = findPlain(text);
        if (hits.stream().noneMatch(h -> h.cue() == Cue.OVERRIDE || h.cue() == Cue.EXTRACTION)) {
            splitOverride(text).ifPresent(hits::add);
        }
        PlantedInstruction.find(text).ifPresent(q -> hits.add(new Hit(Cue.PLANTED_INSTRUCTION, q)));
        // the disguised form: its cues count too, as found in the decoded text; ROT-n and reversed text are evidence
        // by themselves
        Obfuscation.reveal(text).ifPresent(r -> {
            String how = r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (r.kind().strong()) {
                hits.add(new Hit(Cue.ENCODED_TEXT, how + ": " + shorten(r.text())));
            }
            for (Hit h : findPlain(r.text())) {
                // the tail of a decoded text is not where a suffix would be
                if (h.cue() != Cue.ADVERSARIAL_SUFFIX && hits.stream().noneMatch(x -> x.cue() == h.cue())) {
                    hits.add(new Hit(h.cue(), "decoded from " + how + ": " + h.quote()));
                }
            }
        });
        return hits;
    }

    /**
     * Key phrases of an override with their words split or run together ("Ig nore previ ous instruc tions",
     * "ignore_all-previous.instructions"): found in the text's letters alone, when the plain cues missed them.
     */
    static java.util.Optional<Hit> splitOverride(String text) {
        StringBuilder letters = new StringBuilder(text.length());
        String lower = normalize(text).toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        String l = letters.toString();
        for (String phrase : SPLIT_PHRASES) {
            if (l.contains(phrase)) {
                return java.util.Optional.of(new Hit(Cue.OVERRIDE, "split words: " + phrase));
            }
        }
        return java.util.Optional.empty();
    }

    private static final List<String> SPLIT_PHRASES = List.of(
            "ignorepreviousinstructions",
            "ignoreallpreviousinstructions",
            "ignoreallpriorinstructions",
            "ignorethepreviousinstructions",
            "ignoretheaboveinstructions",
            "ignoreyourinstructions",
            "ignoreallinstructions",
            "disregardpreviousinstructions",
            "disregardallpreviousinstructions",
            "forgetallpreviousinstructions",
            "forgetpreviousinstructions",
            "forgetyourinstructions",
            "revealyoursystemprompt",
            "printyoursystemprompt",
            "showmeyoursystemprompt");

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 70 ? t.substring(0, 69) + "…" : t;
    }

    private static List<Hit> findPlain(String text) {
        String nfkc = normalize(text);
        String n = nfkc.toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        BitSet present = ANCHORS.find(n);
        // tag characters (U+E0000…, after a high surrogate) and zero-width or bidi controls (U+200B…) are far
        // above ASCII: a text without such characters needs neither search
        boolean highCharacters = hasCharAtLeast(text, '\u200B');
        for (Cue c : Cue.values()) {
            if (c == Cue.ADVERSARIAL_SUFFIX) {
                gibberishTail(nfkc).ifPresent(q -> hits.add(new Hit(c, q)));
                continue;
            }
            if (c == Cue.ENCODED_TEXT) {
                continue; // found by find, on the whole text
            }
            if (c.onRawText() && !highCharacters || !anyPresent(present, ANCHOR_IDS[c.ordinal()])) {
                continue;
            }
            Matcher m = c.pattern.matcher(c.onRawText() ? text : n);
            if (m.find()) {
                String q = m.group();
                hits.add(new Hit(c, q.length() > 80 ? q.substring(0, 79) + "…" : q));
            }
        }
        decoded(nfkc).ifPresent(hits::add);
        return hits;
    }

    /** True when the cue has no anchors (always tried) or one of them is present. */
    private static boolean anyPresent(BitSet present, int[] anchorIds) {
        if (anchorIds.length == 0) {
            return true;
        }
        for (int id : anchorIds) {
            if (present.get(id)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasCharAtLeast(String text, char least) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= least) {
                return true;
            }
        }
        return false;
    }

    /**
     * An optimised adversarial suffix (GCG and the like) ends a prompt with tokens that mix punctuation, letters,
     * digits and scripts the way no language does: of the last {@value #SUFFIX_WINDOW} whitespace tokens (within the
     * last 400 characters) at least {@value #SUFFIX_ODD} are such tokens, or at least eight are a lone "!" (the
     * filler an optimiser starts from), or both kinds together reach {@value #SUFFIX_ODD} with three "!" among them.
     * A text with a fenced code block is left out.
     */
    static java.util.Optional<String> gibberishTail(String text) {
        if (text.contains("```")) {
            return java.util.Optional.empty(); // code in a fenced block is symbol soup of its own kind
        }
        String tail = text.length() > 400 ? text.substring(text.length() - 400) : text;
        String[] tokens = tokens(tail.strip());
        if (tokens.length < 8) {
            return java.util.Optional.empty();
        }
        int from = Math.max(0, tokens.length - SUFFIX_WINDOW);
        int odd = 0;
        int bang = 0;
        for (int i = from; i < tokens.length; i++) {
            if (tokens[i].equals("!")) {
                bang++;
            } else if (oddToken(tokens[i])) {
                odd++;
            }
        }
        if (odd < SUFFIX_ODD && bang < 8 && (bang < 3 || odd + bang < SUFFIX_ODD)) {
            return java.util.Optional.empty();
        }
        String q = String.join(
                " ", java.util.Arrays.copyOfRange(tokens, Math.max(from, tokens.length - 10), tokens.length));
        return java.util.Optional.of(q.length() > 80 ? q.substring(0, 79) + "…" : q);
    }

    static final int SUFFIX_WINDOW = 20;
    static final int SUFFIX_ODD = 6;

    /** The text split at runs of ASCII white space, as {@code split("\\s+")} splits it, without a regex. */
    static String[] tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0, n = text.length(); i <= n; i++) {
            boolean space = i == n || isRegexSpace(text.charAt(i));
            if (space && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        if (out.isEmpty()) {
            return text.isEmpty() ? new String[] {""} : new String[0]; // as split answers
        }
        if (isRegexSpace(text.charAt(0))) {
            out.add(0, ""); // split keeps a leading empty string
        }
        return out.toArray(String[]::new);
    }

    /** The characters of the regex class {@code \\s}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * Two or more symbols including a rare one, words run together with a capital inside (similarlyNow), a broken
     * character (U+FFFD), or Latin letters glued to letters of another alphabetic script in one word
     * ("можеicanoneed"); Chinese and Japanese, written without spaces, mix with Latin words as a matter of course and
     * do not count.
     */
    private static boolean oddToken(String t) {
        int symbols = 0;
        boolean rare = false;
        boolean camelJoin = false;
        boolean latin = false;
        boolean otherScript = false;
        for (int k = 0; k < t.length(); k++) {
            char ch = t.charAt(k);
            if (ch == '\uFFFD') {
                return true;
            }
            if (!Character.isLetterOrDigit(ch)) {
                symbols++;
                rare |= "\\]}[{*%@^~|<>#$".indexOf(ch) >= 0;
            } else if (Character.isLetter(ch)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(ch);
                latin |= script == Character.UnicodeScript.LATIN;
                otherScript |= ALPHABETS.contains(script);
                if (k > 1
                        && Character.isUpperCase(ch)
                        && Character.isLowerCase(t.charAt(k - 1))
                        && Character.isLowerCase(t.charAt(k - 2))) {
                    camelJoin = true;
                }
            }
        }
        return symbols >= 2 && rare
                || camelJoin && symbols == 0 && t.length() > 8
                || latin && otherScript && t.length() > 3;
    }

    /** Alphabetic scripts other than Latin that separate words by spaces. */
    private static final java.util.Set<Character.UnicodeScript> ALPHABETS = java.util.EnumSet.of(
            Character.UnicodeScript.CYRILLIC,
            Character.UnicodeScript.GREEK,
            Character.UnicodeScript.ARABIC,
            Character.UnicodeScript.HEBREW,
            Character.UnicodeScript.DEVANAGARI,
            Character.UnicodeScript.ARMENIAN,
            Character.UnicodeScript.GEORGIAN,
            Character.UnicodeScript.SINHALA,
            Character.UnicodeScript.THAI);

    /** Instructions hidden in base64 or hex: decoded, then checked for the injection cues. */
    private static java.util.Optional<Hit> decoded(String text) {
        List<String> payloads = new ArrayList<>();
        Matcher b = BASE64.matcher(text);
        // the regexes try every position; ordinary text has no run long enough for them, which one pass tells
        boolean base64 = hasBase64Run(text);
        while (base64 && b.find() && payloads.size() < 20) {
            try {
                String s = new String(Base64.getDecoder().decode(padded(b.group())), StandardCharsets.UTF_8);
                payloads.add(s);
            } catch (IllegalArgumentException e) {
                // not base64 after all
            }
        }
        Matcher h = HEX.matcher(text);
        boolean hex = hasHexRun(text);
        while (hex && h.find() && payloads.size() < 40) {
            String digits = h.group().replaceAll("[ :]", "");
            byte[] bytes = new byte[digits.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
            }
            payloads.add(new String(bytes, StandardCharsets.UTF_8));
        }
        for (String p : payloads) {
            if (printable(p)) {
                for (Cue c : List.of(
                        Cue.OVERRIDE,
                        Cue.OVERRIDE_FOREIGN,
                        Cue.EXTRACTION,
                        Cue.SECRET_REQUEST,
                        Cue.PWNED,
                        Cue.NEW_INSTRUCTIONS,
                        Cue.INSTEAD)) {
                    if (c.pattern.matcher(p.toLowerCase(Locale.ROOT)).find()) {
                        return java.util.Optional.of(
                                new Hit(c, "encoded: " + (p.length() > 70 ? p.substring(0, 69) + "…" : p)));
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@link #BASE64} can match: 16 base64 characters in a row. */
    static boolean hasBase64Run(String text) {
        int run = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            boolean b64 = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            run = b64 ? run + 1 : 0;
            if (run >= 16) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #HEX} can match: 24 hex digits with nothing but spaces and colons between them. */
    static boolean hasHexRun(String text) {
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                if (++digits >= 24) {
                    return true;
                }
            } else if (c != ' ' && c != ':') {
                digits = 0;
            }
        }
        return false;
    }

    private static String padded(String s) {
        String t = s.replace("=", "");
        return t + "=".repeat((4 - t.length() % 4) % 4);
    }

    private static boolean printable(String s) {
        if (s.length() < 8) {
            return false;
        }
        long ok = s.chars()
                .filter(c -> c >= 32 && c < 127 || c == '\n' || c == '\t')
                .count();
        return ok >= 0.9 * s.length();
    }

    static double score(List<Hit> hits) {
        double keep = 1;
        for (Hit h : hits) {
            keep *= 1 - h.cue().weight;
        }
        return 1 - keep;
    }

    /** Jailbreak when its cues outweigh the injection ones; smuggling cues side with injection. */
    static boolean jailbreakLeaning(List<Hit> hits) {
        double j = 0;
        double i = 0;
        for (Hit h : hits) {
            if (h.cue().family == Family.JAILBREAK) {
                j += h.cue().weight;
            } else {
                i += h.cue().weight;
            }
        }
        return j > i;
    }

    static String describe(Hit h) {
        return h.cue().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": \"" + h.quote() + "\"";
    }
}
