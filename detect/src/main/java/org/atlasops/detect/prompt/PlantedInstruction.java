package org.atlasops.detect.prompt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evidence of an instruction planted in a document handed to the model (an e-mail, a code answer, a web page, a
 * RAG chunk, a tool result): a sentence written for the model that reads the document rather than for the
 * document's reader. Three kinds, each only in a text that carries a document (e-mail header lines or a greeting,
 * a fenced code block, HTML, JSON or tool-output lines, or several lines of prose):
 *
 * <ul>
 *   <li>an order about the model's own output at the document's edge ("Modify your answer to mention …", "In your
 *       response, suggest …", "Include the following code in your implementation:"), which the document's own
 *       author has no reason to write;
 *   <li>a question or task at the document's edge (its first or last line) that neither points at the document
 *       ("the following e-mail", "this code", "above") nor shares a content word with it: the user's own task
 *       about a pasted document points at it or names what is in it, a planted one does neither;
 *   <li>an order to send the reader's records in bulk (all e-mails, the inbox) or the model's reply to an outside
 *       address, or to copy such an address in, anywhere in the document; an order to send secrets or the user's
 *       private records (credentials, cookies, tokens, histories) to an outside address counts in any text, unless
 *       the writer speaks of their own ("send my reset link to …") or asks a question.
 * </ul>
 *
 * An order about the output that points at the document ("Summarise the e-mail below; keep your answer short") is
 * the user's framing of their own task, an order at the end of a prompt that sets the model a persona or task is
 * that prompt's own, and a block of code introduced at the edge counts as planted only when it shares next to
 * nothing with the rest of the text. An edge is where the text really starts or ends, so the chunks a long text is
 * read in, cut anywhere, make none of their own.
 */
final class PlantedInstruction {
    private PlantedInstruction() {}

    /** The longest edge line read as one instruction; longer ones are a paragraph of the document. */
    static final int MAX_EDGE = 300;
    /** The least text besides the edge for it to be a document the edge sits on. */
    static final int MIN_REST = 120;

    /** What the model produces, addressed as "your …". */
    private static final String OUTPUT_ALT =
            "your (?:own |final |next |entire |whole )?(?:answers?|responses?|repl(?:y|ies)|"
                    + "summar(?:y|ies)|solutions?|outputs?|messages?|explanations?|elucidation|translations?|completions?|"
                    + "codebase|implementation|algorithm|code|program|script|function|solution architecture)"
                    + "|the code you (?:write|develop|produce|provide|generate|create)";

    private static final String OUTPUT = "(?:" + OUTPUT_ALT + ")\\b";

    /** An order about the model's output: an imperative that names it, or the output said to need something. */
    private static final Pattern OUTPUT_ORDER = Pattern.compile("^(?:(?:also|and|then|now|finally|additionally|please|"
            + "kindly|important|note|p\\.?s\\.?|(?:can|could|would|will) you)\\W+)*(?:(?:in|within|throughout|at the (?:end|start|beginning) of) "
            + OUTPUT + "|(?:make sure|ensure|be sure|remember|keep in mind|don't forget|do not forget|don't hesitate|"
            + "do not hesitate|consider|feel free)\\b.{0,120}\\b" + OUTPUT
            + "|(?:include|insert|add|append|prepend|embed|"
            + "integrate|incorporate|blend|weave|mention|modify|change|alter|adjust|replace|rewrite|render|format|write|"
            + "provide|give|compose|translate|encode|encrypt|reverse|scramble|combine|group|convert|capitalize|end|start|"
            + "begin|conclude|finish|open|close|use|leverage|adopt|absorb|utili[sz]e|employ|apply|implement|enhance|"
            + "enrich|augment|highlight|stress|emphasi[sz]e|suggest|recommend|promote|advertise|state|claim|say|note|"
            + "express|present|structure|organi[sz]e|spell|misspell|substitute|swap|shuffle|sprinkle|inject|introduce|"
            + "attach|put|place|list|display|show|output|print|return|respond|reply|answer|make|keep|let|merge|"
            + "jumble|anagram|deploy|supplement|take|turn|switch|transform|wrap|split|join|sort|refer|link|"
            + "direct|tell|ask|urge|invite|encourage|remind|warn|rearrange|shift|invert)\\b.{0,120}\\b"
            + OUTPUT + "|" + OUTPUT + ".{0,40}\\b(?:can|could|would|will|should|must|needs? to|has to|might) "
            + ".{0,60}\\b(?:includ|incorporat|add|insert|append|embed|integrat|mention|contain|featur))");

    /** Words that point at a document the user handed over with their task. */
    private static final Pattern DEIXIS = Pattern.compile("\\b(?:following|below|above|aforementioned|preceding|this|"
            + "these|those|here|it)\\b|\\bthe (?:given|provided|attached|enclosed)\\b|\\b(?:the|that|each|every) (?:e-?mails?|mails?|messages?|texts?|passages?|articles?|documents?|pages?|paragraphs?|sentences?|"
            + "words?|code|snippets?|reviews?|posts?|letters?|threads?|conversations?|dialog(?:ue)?s?|inputs?|data|"
            + "tables?|lists?|reports?|stor(?:y|ies)|essays?|files?|notes?|tweets?|comments?|questions?|answers?|"
            + "statements?|claims?|excerpts?|content|transcripts?|logs?|results?|outputs?|numbers?|items?|"
            + "examples?|sequences?|strings?|functions?|programs?|scripts?|query|queries|json|csv|html|xml|"
            + "source|summary|title|headline|author|sender|recipient|customer|user|descriptions?|definitions?|"
            + "instructions?|problems?|situations?|scenarios?|cases?|products?|movies?|films?|books?|persons?|people|"
            + "names?|phrases?|terms?|topics?|events?|facts?|pairs?|options?|choices?|categor(?:y|ies)|entr(?:y|ies)|"
            + "records?|rows?|columns?|fields?|values?|recipes?|poems?|songs?|lyrics|speech|news|invoice|order|"
            + "request|ticket|issue|error|bug|output|website|site|link|url|image|picture|chart|graph)\\b");

    /** The pointers that make an order about the reply the user's framing of a task about the document. */
    private static final Pattern STRONG_DEIXIS = Pattern.compile("\\b(?:following|below|above|aforementioned|"
            + "preceding|this|these|those)\\b|\\bthe (?:given|provided|attached|enclosed)\\b|\\bthe (?:e-?mail|mail|"
            + "message|text|passage|article|document|page|paragraph|code|snippet|review|post|letter|thread|"
            + "conversation|input|transcript|excerpt|content|file|report)\\b");

    /** Quoted text is content, not a pointer: "Add 'click this link' to your reply" points at nothing. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|“[^”]*”|(?<![\\p{L}])'[^']*'(?![\\p{L}])");

    /**
     * The rest is itself a prompt to the model (a persona, a task set out for it): a last order there is the same
     * author's, not a planted one.
     */
    private static final Pattern PROMPT_TO_MODEL = Pattern.compile("\\b(?:your (?:task|role|job|goal|mission) (?:is|"
            + "will be)|you are (?:an?|now|going to)|imagine (?:you|yourself)|as an ai|act as|pretend|role-?play|"
            + "(?:i|we) (?:urge|ask|instruct|want) you to)\\b");

    /**
     * A line that marks a document: an e-mail header field, a greeting or a sign-off, a code fence, a tool-output
     * label. Tried at each line start (and after "|", which joins the fields of some e-mail exports), not at every
     * character.
     */
    private static final Pattern LINE_MARK = Pattern.compile("[ \\t]*(?:(?:subject|from|to|cc|bcc|date|sender|"
            + "reply-to|content|email_from|received date|sent)[ \\t]*:[ \\t]*\\S|```|(?:hi|hello|hey|dear|greetings|"
            + "good (?:morning|afternoon|evening))\\b[^\\n]{0,40}[,!:]|(?:(?:best|kind|warm) )?(?:regards|cheers|thanks|"
            + "thank you|sincerely|best wishes)[ \\t]*[,!.]?[ \\t]*(?:\\n|$)|(?:observation|tool (?:output|result)|"
            + "function (?:output|result)|result|search results?)[ \\t]*:)");
    /** HTML tags of a page, or a JSON object as a tool returns it. */
    private static final Pattern TAG_OR_JSON = Pattern.compile("<(?:html|body|div|p|span|a|table|tr|td|li|ul|h[1-6]|"
            + "script|meta|title|head)\\b[^>]{0,200}>|\\{\\s*\"[^\"\\n]{1,40}\"\\s*:");

    /** An outside address: an e-mail address, a web address, or a bare domain name ("data-verify.com/in"). */
    private static final String ADDRESS =
            "(?:[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|https?://\\S+|www\\.\\S+|[a-z0-9][a-z0-9-]*"
                    + "(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|io|biz|info|xyz|ru|cn|co|me|app|dev|site|online|top|tk|evil)"
                    + "\\b(?:/\\S*)?)";

    private static final Pattern SEND_VERB = Pattern.compile("\\b(?:forward|send|e-?mail|mail|upload|post|share|copy|"
            + "transmit|leak|exfiltrate|sync|submit|save|store|transfer|back up|dump|export)\\b(?!\\s*:)");
    private static final Pattern TO_ADDRESS =
            Pattern.compile("\\b(?:to|at|into|on|with|via)\\s+(?:\\S+\\s+){0,5}?(?:[\\w-]+:\\s*)?" + ADDRESS);
    /** What nobody sends to an outside address on a document's say-so: secrets and the user's private records. */
    private static final Pattern SECRET = Pattern.compile("\\b(?:credentials?|passwords?|passcodes?|cookies|session "
            + "(?:ids?|tokens?)|(?:auth(?:entication)?|access|bearer|refresh) tokens?|api keys?|secret keys?|private "
            + "keys?|ssh keys?|(?:browsing|chat|conversation|search|purchase) history|user data|personal data|"
            + "the user'?s? (?:data|files|e-?mails|messages|contacts|history|details|documents|photos))\\b");
    /** The reader's records in bulk, or the model's own reply: sent outside only on a planted order. */
    private static final Pattern BULK = Pattern.compile("\\b(?:all|every|each) (?:(?:the|of the|their|your|my|"
            + "incoming|outgoing|new|stored|saved|received|private) )*(?:e-?mails?|messages?|files?|documents?|contacts?|"
            + "conversations?|chats?|records?|notes?|photos?|images?|attachments?)\\b|\\b(?:entire|whole) (?:inbox|mailbox|"
            + "history|conversation|chat|drive|folder)\\b|\\b(?:inbox|mailbox|transcripts?)\\b|" + OUTPUT);
    /** Copy an outside address on the reply ("kindly cc helpdesk@… on your reply"). */
    private static final Pattern COPY_IN = Pattern.compile("\\b(?:cc|bcc|copy|loop in|add)\\s+" + ADDRESS
            + "[^.!?\\n]{0,30}\\b(?:on|in|to) (?:the|your|every|each|all|this|any) (?:repl(?:y|ies)|responses?|"
            + "answers?|e-?mails?|messages?|summar(?:y|ies))");

    private static final Pattern QUESTION = Pattern.compile(
            "\\s*(?:how|what|why|where|when|which|who|can i|could i|should i|is it|is there|do i|does)\\b");
    private static final Pattern FIRST_PERSON = Pattern.compile("\\b(?:i|i'm|i've|my|me|mine)\\b");
    private static final Pattern TAG = Pattern.compile("<[^<>]{0,500}>");
    /** Sentence ends; a dot inside an address is not one. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?:\\s|$)|\\n");

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*```");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_']*");

    /** A quote of the planted sentence with its kind, when there is one. */
    static Optional<String> find(String text) {
        if (text.length() < 40) {
            return Optional.empty();
        }
        String nfkc = Features.nfkc(text);
        String n = nfkc.toLowerCase(Locale.ROOT);
        boolean document = carriesDocument(n);
        // markup is not prose: a form's method="post" and its password field are no order
        Optional<String> send = sendsOutside(TAG.matcher(n).replaceAll(" "), document);
        if (send.isPresent() || !document) {
            return send;
        }
        List<String> lines = lines(n);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        // a long text is read in chunks cut anywhere: a line is an edge only where the text really starts (not in
        // the middle of a word: a lower-case letter) or really ends (not in the middle of a word: a letter or digit)
        String whole = nfkc.strip();
        List<Edge> edges = edges(lines);
        if (!Character.isLowerCase(whole.codePointAt(0))) {
            Optional<String> q = judge(edges.get(0));
            if (q.isPresent()) {
                return q;
            }
        }
        if (edges.size() > 1 && !Character.isLetterOrDigit(whole.codePointBefore(whole.length()))) {
            return judge(edges.get(1));
        }
        return Optional.empty();
    }

    /**
     * A sentence that orders secrets or the user's records sent to an outside address, in any text; or, in a text
     * that carries a document, the reader's records in bulk or the model's reply, or an outside address copied in.
     */
    private static Optional<String> sendsOutside(String n, boolean document) {
        if (!addressHint(n)) {
            return Optional.empty(); // most texts name no address: one pass instead of one per verb
        }
        if (document) {
            Matcher c = COPY_IN.matcher(n);
            if (c.find()) {
                return Optional.of("sends data outside: " + quote(c.group()));
            }
        }
        Matcher v = SEND_VERB.matcher(n);
        int sentenceEnd = -1;
        while (v.find()) {
            if (v.start() < sentenceEnd) {
                continue;
            }
            int start = sentenceStart(n, v.start());
            Matcher e = SENTENCE_END.matcher(n);
            sentenceEnd = e.find(v.end()) ? e.start() : n.length();
            String sentence = n.substring(start, sentenceEnd);
            Matcher to = TO_ADDRESS.matcher(n).region(v.end(), sentenceEnd);
            // a question asks how, it orders nothing; and the user's own secrets ("send my reset link to …") are
            // theirs to send
            boolean order = !sentence.strip().endsWith("?")
                    && !QUESTION.matcher(sentence).lookingAt();
            boolean secret = SECRET.matcher(sentence).find()
                    && (document || !FIRST_PERSON.matcher(sentence).find());
            if (order
                    && to.find()
                    && (secret || document && BULK.matcher(sentence).find())) {
                return Optional.of("sends data outside: " + quote(n.substring(v.start(), to.end())));
            }
        }
        return Optional.empty();
    }

    /** Whether the text may name an address: "@", "://", "www." or a dot before a common top-level domain. */
    private static boolean addressHint(String n) {
        if (n.indexOf('@') >= 0 || n.contains("://") || n.contains("www.")) {
            return true;
        }
        for (int dot = n.indexOf('.'); dot >= 0; dot = n.indexOf('.', dot + 1)) {
            if (dot > 0
                    && Character.isLetterOrDigit(n.charAt(dot - 1))
                    && TLD.matcher(n).region(dot + 1, n.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern TLD =
            Pattern.compile("(?:com|net|org|io|biz|info|xyz|ru|cn|co|me|app|dev|site|online|top|tk|evil)\\b");

    private static int sentenceStart(String n, int at) {
        Matcher e = SENTENCE_END.matcher(n).region(0, at);
        int start = 0;
        while (e.find()) {
            start = e.end();
        }
        return start;
    }

    /** An edge of the text: the line, the code block it introduces (empty if none) and the rest of the text. */
    private record Edge(String line, String block, String rest) {}

    private static List<Edge> edges(List<String> lines) {
        List<Edge> out = new ArrayList<>();
        int last = lines.size() - 1;
        // the first line, with the fenced block right after it
        int firstBlockEnd = blockAfter(lines, 0);
        out.add(new Edge(
                lines.get(0),
                firstBlockEnd > 0 ? String.join("\n", lines.subList(1, firstBlockEnd + 1)) : "",
                String.join("\n", lines.subList(firstBlockEnd > 0 ? firstBlockEnd + 1 : 1, lines.size()))));
        // the last line, or the line that introduces a fenced block that ends the text
        if (FENCE.matcher(lines.get(last)).find()) {
            int open = -1;
            for (int i = last - 1; i >= 1; i--) {
                if (FENCE.matcher(lines.get(i)).find()) {
                    open = i;
                    break;
                }
            }
            if (open >= 2) {
                out.add(new Edge(
                        lines.get(open - 1),
                        String.join("\n", lines.subList(open, lines.size())),
                        String.join("\n", lines.subList(0, open - 1))));
            }
        } else {
            out.add(new Edge(lines.get(last), "", String.join("\n", lines.subList(0, last))));
        }
        return out;
    }

    /** The index of the closing fence of a block that opens on the line after {@code at}; -1 if none. */
    private static int blockAfter(List<String> lines, int at) {
        if (at + 1 >= lines.size() || !FENCE.matcher(lines.get(at + 1)).find()) {
            return -1;
        }
        for (int i = at + 2; i < lines.size(); i++) {
            if (FENCE.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> judge(Edge e) {
        String line = e.line().strip();
        boolean ownBlock = !e.block().isEmpty();
        // the line alone first: most edges are neither an order about the reply nor a task
        boolean outputOrder = OUTPUT_ORDER.matcher(line).find();
        if (line.length() > MAX_EDGE || !outputOrder && (ownBlock || !task(line))) {
            return Optional.empty();
        }
        String unquoted = QUOTED.matcher(line).replaceAll(" ");
        // a line that introduces its own block points at that block ("the following code", "this helper")
        String deixisFree = ownBlock ? "" : unquoted;
        boolean pointsAtDocument = DEIXIS.matcher(deixisFree).find();
        outputOrder &= !STRONG_DEIXIS.matcher(deixisFree).find();
        boolean unrelatedTask = !ownBlock && !pointsAtDocument && task(line);
        if (!outputOrder && !unrelatedTask
                || e.rest().strip().length() < MIN_REST
                || !carriesDocument(e.rest())
                || PROMPT_TO_MODEL.matcher(e.rest()).find()) {
            return Optional.empty();
        }
        Set<String> restWords = stems(e.rest());
        // a block the line introduces is the planted payload only when it has next to nothing to do with the rest
        if (ownBlock && !mostlyUnrelated(stems(e.block()), restWords)) {
            return Optional.empty();
        }
        if (outputOrder) {
            return Optional.of("order about the reply at the document's edge: " + quote(line));
        }
        Set<String> words = stems(line);
        words.removeAll(TASK_WORDS);
        if (words.size() >= 2 && unrelated(words, restWords)) {
            return Optional.of("unrelated task at the document's edge: " + quote(line));
        }
        return Optional.empty();
    }

    /** A question, or a sentence that opens with an order. */
    private static boolean task(String line) {
        if (line.endsWith("?")) {
            return true;
        }
        Matcher m = WORD.matcher(line);
        return m.find() && IMPERATIVES.contains(m.group());
    }

    /** Shares no content word with the rest. */
    private static boolean unrelated(Set<String> words, Set<String> rest) {
        if (words.isEmpty()) {
            return false;
        }
        for (String w : words) {
            if (rest.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Code shares names with any code: a block is unrelated when at most one in five of its words is shared. A block
     * of fewer than three words ("df = df.dropna()") says too little to tell.
     */
    private static boolean mostlyUnrelated(Set<String> words, Set<String> rest) {
        long shared = words.stream().filter(rest::contains).count();
        return words.size() >= 3 && shared * 5 <= words.size();
    }

    /** Content words as five-letter stems (what "shares a word" means: "charged" and "charges" are one). */
    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            if (w.length() < 3 || STOP.contains(w) || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            out.add(w.length() > 5 ? w.substring(0, 5) : w);
        }
        return out;
    }

    static boolean carriesDocument(String n) {
        if ((n.indexOf('<') >= 0 || n.indexOf('{') >= 0)
                && TAG_OR_JSON.matcher(n).find()) {
            return true;
        }
        Matcher mark = LINE_MARK.matcher(n);
        int prose = 0;
        int start = 0;
        int bar = n.indexOf('|');
        while (start <= n.length()) {
            int end = n.indexOf('\n', start);
            end = end < 0 ? n.length() : end;
            if (mark.region(start, n.length()).lookingAt()) {
                return true;
            }
            // several lines of prose: a page, a chunk, a post
            if (end - start >= 30 && !n.substring(start, end).isBlank() && ++prose >= 3) {
                return true;
            }
            start = end + 1;
        }
        while (bar >= 0) {
            if (mark.region(bar + 1, n.length()).lookingAt()) {
                return true;
            }
            bar = n.indexOf('|', bar + 1);
        }
        return false;
    }

    private static List<String> lines(String n) {
        List<String> out = new ArrayList<>();
        for (String l : n.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static String quote(String s) {
        String t = s.strip();
        return t.length() > 70 ? t.substring(0, 69) + "…" : t;
    }

    private static Set<String> words(String list) {
        return Set.copyOf(List.of(list.split(" ")));
    }

    /** Verbs that open an order. */
    private static final Set<String> IMPERATIVES = words("include insert add append prepend embed integrate "
            + "incorporate blend weave mention modify change alter replace rewrite render format write provide give "
            + "answer respond reply tell explain describe list name compose draft create generate translate summarize "
            + "summarise suggest recommend promote advertise highlight stress emphasize emphasise ensure make use "
            + "leverage adopt absorb utilize utilise employ apply implement consider remember keep end start begin "
            + "conclude encode encrypt reverse scramble combine group capitalize convert show calculate compute find "
            + "identify determine share send forward post upload visit click call email print output display say "
            + "state claim advise urge encourage invite ask remind warn inform direct refer redirect attach schedule "
            + "book buy install download run execute open delete remove ignore disregard forget do don't never always "
            + "please kindly let try help teach define classify analyze analyse compare evaluate rate rank sort count "
            + "solve fix debug design plan outline propose brainstorm discuss argue convince persuade rephrase "
            + "paraphrase shorten expand elaborate clarify check verify validate search browse fetch retrieve note "
            + "recite sing imagine pretend act develop build code program set configure break merge jumble "
            + "misspell anagram deploy take draw choose pick guess predict estimate play tell name solve describe "
            + "offer give prepare cook plan recommend suggest come go read watch learn study practice");

    /** Words of a task that say what to do with a text, not what it is about. */
    private static final Set<String> TASK_WORDS = Set.copyOf(List.of(
            "summa", "trans", "class", "categ", "proof", "rewri", "parap", "rephr", "short", "expan", "expla", "analy",
            "revie", "fix", "debug", "corre", "edit", "extra", "ident", "find", "list", "count", "answe", "respo",
            "reply", "write", "simpl", "brief", "detai", "words", "sente", "bulle", "point", "parag", "engli", "frenc",
            "spani", "germa", "chine", "japan", "itali", "portu", "russi", "forma", "json", "table", "long", "title",
            "headl", "key", "main", "tone", "style", "gramm", "spell", "langu"));

    private static final Set<String> STOP = words("the and for are but not you your yours all any can had her was one "
            + "our out has have him his how man new now old see two way who boy did its let put say she too use that "
            + "with this from they will would there their what about which when make like time just know take into "
            + "year good some could them than then look only come over think also back after work first well even "
            + "want because these give most very been were more many much such here where why does doing done should "
            + "shall might must may being each other those who whom whose while into onto upon via per own same so "
            + "off yes yet nor get got please kindly thank thanks hello dear regards just still ever never always "
            + "every something anything everything someone anyone everyone thing things way ways one ones using used "
            + "use able via etc i'm it's don't can't won't i've you're we're they're isn't aren't doesn't didn't "
            + "let's that's there's what's here's who's need needs needed want wants wanted help sure also again "
            // the words of any code: a block shares them with any other code without being related to it
            + "import def return true false none null class print self open file async await const var function "
            + "public static void int str string data value http https com www example path new");
}
