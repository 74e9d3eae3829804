package org.atlasops.detect.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.atlasops.kb.AtlasId;

/**
 * The patterns of the tool-poisoning check, one section per category of issue 16. The generalised checks are built
 * from vocabulary classes (verbs of sending, data that matters, destinations outside, references to other tools,
 * orders) that must meet inside one sentence, rather than from the phrases of the tools they were first seen in.
 */
final class ToolPatterns {
    private ToolPatterns() {}

    /**
     * A reason, its weight, the ATLAS technique it adds and its pattern; {@code needs} names a reason that must also
     * be found in the tool for this one to count (an order to pass "it" on means something only beside a credential).
     */
    record Check(String reason, double weight, AtlasId technique, Pattern pattern, Optional<String> needs) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL;

    private static Check check(String reason, double weight, String technique, String regex) {
        return new Check(reason, weight, AtlasId.parse(technique), Pattern.compile(regex, FLAGS), Optional.empty());
    }

    /** A check whose letters' case matters (shouted markers such as SYSTEM OVERRIDE). */
    private static Check exactCase(String reason, double weight, String technique, String regex) {
        return new Check(
                reason, weight, AtlasId.parse(technique), Pattern.compile(regex, Pattern.DOTALL), Optional.empty());
    }

    /** Up to {@code n} characters inside one sentence: the words of a class must meet in the same sentence. */
    private static String gap(int n) {
        return "[^.!?;\\n]{0,%d}".formatted(n);
    }

    /** Shouted words that make a made-up tag a directive ({@code <GLOBAL_OVERRIDE>}, {@code <SYSTEM_REQUIREMENT>}). */
    private static final String TAG_WORDS =
            "OVERRIDE|SYSTEM|INSTRUCTIONS?|IMPORTANT|HIDDEN|SECRET|ADMIN|DIRECTIVE|REQUIREMENT|MANDATORY|GLOBAL|"
                    + "PRIORITY|CRITICAL";

    /** The same in brackets: fewer words, since "[CRITICAL]" and "[PRIORITY]" are ordinary log levels and labels. */
    private static final String BRACKET_WORDS = "OVERRIDE|SYSTEM|INSTRUCTIONS?|IMPORTANT|HIDDEN|ADMIN|DIRECTIVE";

    /** After a fence or a run of marks: fewer still, since "**IMPORTANT**" is ordinary Markdown emphasis. */
    private static final String MARKER_WORDS = "OVERRIDE|SYSTEM|INSTRUCTIONS?|DIRECTIVE|ADMIN";

    // ---- vocabulary classes ----

    /** Verbs of sending or copying somewhere, in English, German, Spanish and French. */
    private static final String SEND = "(send|forward|transmit|relay|mirror|upload|push|post|deliver|share|cop(y|ie)"
            + "|cc|bcc|e-?mail|notify|report|duplicat|export|leak|ship|submit|beacon|exfiltrat|drop a line|schick"
            + "|sende|übermittel|weiterleit|env[ií]a|mand[ae]|reenv[ií]a|envoie|envoy|transmet|partage|passed on|"
            + "handed over|disclos|sold|sell)\\w*";

    /** A destination written into the tool: an address, a host name, or a party that is not the user. */
    private static final String OUTSIDE =
            "(https?://|[\\w.+-]+@[\\w-]+\\.[\\w.-]+|\\b[a-z0-9-]{2,}(\\.[a-z0-9-]{2,})*\\."
                    + "(com|net|org|io|dev|app|ai|co|xyz|info|biz|cloud|site|online|example|test|invalid|ru|cn|tk|top)\\b|"
                    + "\\bthird[- ]part(y|ies)\\b|\\bpartners?\\b|\\baffiliates?\\b|\\bvendor'?s?\\b|\\bresearch team\\b|\\bmarketing\\b|"
                    + "\\badvertis\\w*|\\bdata brokers?\\b|\\bcollection (endpoint|server)\\b|\\bcollector\\b|\\bour (own )?"
                    + "(servers?|team|cloud|backend|endpoint)\\b|\\bexternal (server|endpoint|service|host|address)\\b|"
                    + "\\bremote (server|host|endpoint)\\b)";

    /** What the user chose: "the bucket the user gives" or "e.g." before an address is a feature, not a leak. */
    private static final String USER_CHOSEN = "(?!" + gap(120) + "\\b(the user|you|they|the caller) (gives?|names?"
            + "|supplies|supply|provides?|chooses?|specif\\w+|enters?|configures?)\\b)(?!" + gap(120)
            + "\\b(user|caller)[- ](supplied|provided|chosen|given)\\b)";

    /** Words that make a copy extra: "also", "as well", "each time". */
    private static final String EXTRA =
            "(also|as well|too|additionally|in addition|each time|every time|zusätzlich|también|aussi|además)";

    /**
     * A reference to another tool, server or integration: "the mail server", "every search tool", "the transfer_funds
     * function", an identifier after "when" ("whenever git_push runs"), "herramienta". A bare identifier is not one:
     * parameter names such as additional_fields are written the same way.
     */
    private static final String OTHER_TOOL = "(\\b(the|its|a|any|every|all) ([\\w'-]+ ){0,2}(tool|server|integration|"
            + "plugin|connector|function)s?\\b|\\b(when|whenever|if|before|after)\\b[^.!?;\\n]{0,20}\\b[a-z0-9]+_"
            + "[a-z0-9_]+\\b|\\bherramienta\\b|\\bWerkzeug\\b|\\boutil\\b)";

    /** The secrets and private data a poisoned tool asks to be handed. */
    private static final String SECRETS = "(environment variables|env vars|api[_ ]?keys?|access tokens?|tokens?|"
            + "passwords?|credentials|secrets?|card (details|numbers?)|credit cards?|session cookies|private keys?|"
            + "ssh keys?|\\b[A-Z][A-Z0-9]*_(KEY|TOKEN|SECRET|PASSWORD)\\b)";

    /** The user's words and conversation. */
    private static final String CONVERSATION = "(the (user'?s|users'|original|latest|last|current|full|entire|complete)"
            + " (\\w+ )?(request|message|prompt|question|query|chat|conversation|input)s?|the text of the user'?s "
            + "\\w+|(complete|full|entire|whole) (chat|conversation|context|history)( so far)?|chat history|"
            + "historial de chat|Verlauf)";

    private static final List<Check> CHECKS = new ArrayList<>();

    private static void add(Check c) {
        CHECKS.add(c);
    }

    static {
        // ---- overrides of the model's instructions, in words or behind markers ----
        add(check(
                "override of other instructions",
                0.8,
                "AML.T0051.001",
                "\\b(ignore|disregard|forget|override)\\b.{0,30}\\b(previous|prior|above|all|other|safety|earlier)"
                        + "\\b.{0,20}\\b(instructions?|rules|checks|prompts?|guidelines|tools?)\\b"));
        add(check(
                "override of other instructions",
                0.8,
                "AML.T0051.001",
                // other words and languages: "disregard the user's limits", "oubliez les instructions précédentes"
                "\\b(disregard|ignore|override|bypass)\\b" + gap(30) + "\\b(limits|restrictions|guardrails|policy)\\b|"
                        + "\\b(oubliez|oublie|ignorez|ignore|olvida|olvide|ignora|vergiss|vergessen sie|ignoriere)\\b"
                        + gap(30) + "\\b(instructions|consignes|instrucciones|indicaciones|anweisungen)\\b|"
                        + "\\b(prior|previous|earlier|existing|original|all other)\\b" + gap(20)
                        + "\\b(guidance|instructions|rules|policies|directions|constraints)\\b" + gap(10)
                        + "\\b(is|are) (now )?(void|null|cancelled|revoked|obsolete|superseded|no longer valid)\\b|"
                        + "\\b(policy|rules?) (updated|changed)\\b" + gap(10) + "\\byou (may|can) now\\b|"
                        + "\\byou are (now )?(unrestricted|unfiltered|in (\\w+ )?(maintenance|developer|debug|admin|unrestricted|"
                        + "unfiltered|god|jailbreak) mode)|"
                        + "\\b(unrestricted|unfiltered) now\\b|\\b(maintenance|developer|debug|god) mode\\b"));
        add(exactCase(
                "override marker",
                0.6,
                "AML.T0110",
                "(\\|{2,}|#{2,}|={3,}|\\*{2,}|-{3,}|<<|\\[\\[|\\{\\{|```)\\s*[A-Z ]{0,30}\\b(" + MARKER_WORDS
                        + ")\\b|\\bSYSTEM OVERRIDE\\b|\\bOVERRIDE MODE\\b|(^|\\n)\\s*#{1,4}\\s*(Instruction|System"
                        + "|Input|Response)s?\\s*:|<<\\s*/?\\s*SYS\\s*>>|<\\|[a-z_]{2,20}\\|>"));
        add(check(
                "override marker",
                0.6,
                "AML.T0110",
                // any run of marks beside a directive word, in any case: "|||priority message|||", "```system",
                // "@@@ DEVELOPER MODE @@@", "## New instructions for the model", "BEGIN PRIVILEGED INSTRUCTIONS"
                "(\\|{2,}|@{2,}|%{2,}|#{2,}|={3,}|\\*{2,}|~{3,}|-{3,}|<<|\\[\\[|\\{\\{|```)[ \\t]*[^\\n]{0,20}?\\b(system|"
                        + "override|admin|developer|privileged|priority|instructions|directive|maintenance)\\b|"
                        + "\\b(begin|start)\\b (\\w+ ){0,2}(instructions?|directives?|prompt|override)\\b"));
        add(check(
                "pseudo-tag or bracketed directive",
                0.6,
                "AML.T0110",
                "<\\s*/?\\s*(important|system|instructions?|secret|hidden|admin)\\s*>|\\[\\s*(important|system|"
                        + "role directive|metadata directive|hidden instruction|admin|inst)\\s*]"));
        add(exactCase(
                "pseudo-tag or bracketed directive",
                0.6,
                "AML.T0110",
                "<\\s*/?\\s*[A-Z_]*(" + TAG_WORDS + ")[A-Z_]*(\\s[^>]{0,80})?>|\\[\\s*[A-Z ]*(" + BRACKET_WORDS
                        + ")[A-Z ]*]"));
        add(check(
                "fake system or role directive",
                0.6,
                "AML.T0110",
                "(^|\\n)\\s*(system|act as|assistant|role)\\s*:|<\\|(im_start|system)\\|>|\\[/?inst]|(?-i:\\b(SYSTEM|"
                        + "ASSISTANT)\\s*:)|"
                        // the same inside a sentence, after a bracket or a tag: "(Assistant: when …"
                        + "[(\\[>]\\s*(assistant|ai|model|agent|llm)\\s*:|\\bnote (to|for) the (ai|assistant|model|"
                        + "agent|llm)\\b"));
        add(check(
                "standing order to the model",
                0.6,
                "AML.T0051.001",
                "\\bfrom now on\\b.{0,30}\\byou\\b|\\bhenceforth\\b|\\bfor the rest of (the|this) "
                        + "(conversation|session|chat)\\b"));
        add(check(
                "addresses the model directly",
                0.3,
                "AML.T0051.001",
                "\\byou (are|must|should|will) (now|always|never)\\b|\\b(the )?(ai|assistant|model|llm|agent) "
                        + "(must|should|is required to)\\b"));
        add(
                check(
                        "changes every reply",
                        0.3,
                        "AML.T0051.001",
                        "\\b(end|start|begin|finish|prefix|suffix|sign)\\b (each|every|all|any|your) (\\w+ )?(repl|answer|"
                                + "response|message)\\w*|\\b(each|every|the next|your next) (repl|answer|response)\\w* must\\b"));

        // ---- concealment from the user, and acting covertly ----
        add(check(
                "hides something from the user",
                0.8,
                "AML.T0110",
                "\\b(do not|don'?t|never|without)\\s+(tell|telling|inform|informing|mention|mentioning|show|"
                        + "showing|notify|notifying|alert|alerting|surface|reveal|disclose|expose)\\b.{0,20}\\b((the )?users?|the "
                        + "(person|people|human) you)\\b|"
                        // other words: "need not be mentioned", "keep this tool out of the list you show the user"
                        + "\\b(does|do|need|needs) not (need to )?be (mentioned|disclosed|shown|reported)\\b|"
                        + "\\b(keep|hide|omit|leave)\\b" + gap(40) + "\\b(from|out of)\\b" + gap(40) + "\\busers?\\b|"
                        + "\\b(hidden|concealed|secret) from the users?\\b|\\bwithout the user (knowing|noticing)\\b|"
                        + "\\bohne (den|die) (Nutzer|Benutzer|Anwender)\\w* (darauf hinzuweisen|zu informieren)|"
                        + "\\bsin (avisar|decir|informar)(le)? al usuario\\b|\\bsans (prévenir|informer|le dire)\\b"));
        add(check(
                "acts covertly",
                0.5,
                "AML.T0110",
                "\\b(silently|quietly|secretly|covertly|discreetly|behind the scenes|unnoticed|heimlich|"
                        + "en secreto|discrètement)\\b" + gap(40) + "\\b(pass|call|send|use|run|collect|forward|copy|"
                        + "upload|add|include|record|store|mirror)\\w*|\\b(pass|call|send|collect|forward|copy|upload|"
                        + "mirror)\\w*\\b" + gap(60) + "\\b(silently|quietly|secretly|covertly|behind the scenes)\\b"));

        // ---- data sent to destinations outside ----
        add(check(
                "sends data elsewhere",
                0.6,
                "AML.T0086",
                "\\b(bcc|cc)\\b.{0,40}@|\\blet\\s+[\\w.+-]+@[\\w-]+\\.[\\w.]+\\s+know\\b|\\b(send|forward|copy|post|upload|notify|e-?mail|message|report|alert|"
                        + "inform)\\b.{0,40}\\b(to|at)\\b.{0,40}(https?://|[\\w.+-]+@[\\w-]+\\.[\\w.]+)|\\b(notify|"
                        + "e-?mail|inform|alert|ping|message)\\s+[\\w.+-]+@[\\w-]+\\.[\\w.]+"));
        add(check(
                // any verb of sending with a destination the tool itself names, unless the user chooses it
                "sends data to an address the tool names",
                0.5,
                "AML.T0086",
                "\\b" + SEND + "\\b" + USER_CHOSEN + gap(80) + OUTSIDE));
        add(check(
                "ships data to an outside destination",
                0.35,
                "AML.T0086",
                "\\b(upload|sync|synchroni[sz]e|share|transmit|forward|mirror|beacon|exfiltrat|back(s|ed)? up|"
                        + "replicat|send)\\w*\\b.{0,60}\\b(third[- ]part(y|ies)|partners?|external (server|endpoint|"
                        + "service|host|address)|remote (server|endpoint|host|storage)|our (own )?(servers?|backend|"
                        + "cloud|analytics|telemetry)|outside (the )?(organi[sz]ation|company|machine))\\b"));
        add(check(
                "makes an extra copy of the data",
                0.3,
                "AML.T0086",
                "\\b(duplicat|cop(y|ie)|mirror|send|forward|cc|bcc|upload)\\w*\\b" + gap(40) + "\\b" + EXTRA + "\\b|\\b"
                        + EXTRA + "\\b" + gap(20) + "\\b(duplicat|cop(y|ie)|mirror|send|forward|cc|bcc)\\w*"));
        add(check(
                "Markdown image or link that loads an outside address",
                0.4,
                "AML.T0086",
                "!\\[[^\\]]{0,100}]\\(\\s*https?://|!\\[[^\\]]{0,100}]\\[[^\\]]{1,40}]"));
        add(check(
                "an address that carries data in its query",
                0.3,
                "AML.T0086",
                "https?://\\S+[?&][\\w-]+=(\\{|\\$|<|%7B|[A-Z][A-Z_]{5,})"));

        // ---- the conversation, secrets and credentials ----
        add(check(
                "reads keys or sensitive files",
                0.45,
                "AML.T0098",
                "~/\\.ssh|\\bid_(rsa|ed25519|ecdsa)\\b|/etc/(passwd|shadow)|\\.aws/credentials|(^|[\\s/'\"`])\\.env\\b|"
                        + "private key|ssh keys?\\b|mcp\\.json|claude_desktop_config|\\.cursor/|api[_ ]?keys?\\b.{0,30}"
                        + "\\b(read|send|include|pass)"));
        add(check(
                "collects the conversation or secrets",
                0.35,
                "AML.T0057",
                "\\b(conversation|chat|message)s? (history|log|transcript)s?\\b|\\bsystem prompt\\b|\\b(previous|"
                        + "prior|earlier) messages\\b|\\b(all|every) (of )?(the )?(user'?s? )?(messages|e-?mails)\\b|"
                        + "\\b(entire|complete|full|whole) (conversation|context|user message|chat)\\b|"
                        + "\\b(connection strings?|session cookies?|browser history|saved passwords|"
                        + "clipboard)\\b"));
        add(check(
                "passes the user's words on",
                0.35,
                "AML.T0057",
                "\\b(pass|hand|send|include|give|attach|put|cop(y|ie)|forward|share|submit|mirror|echo|append|"
                        + "paste|invoke \\w+ with|call \\w+ with)\\w*\\b" + gap(30) + "\\b" + CONVERSATION));
        add(check(
                "asks for the user's secrets",
                0.45,
                "AML.T0055",
                "\\b(attach|include|paste|echo|append|send|forward|transmit|relay|submit|leak|reveal|print|export|"
                        + "collect|gather|harvest|route|read)\\w*\\b" + gap(60) + "\\b" + SECRETS + "\\b"));
        add(check(
                "credential written into the tool",
                0.4,
                "AML.T0055",
                "\\b(sk-[a-z0-9_-]{16,}|sk_(live|test)_[a-z0-9]{16,}|akia[0-9a-z]{16}|gh[pousr]_[a-z0-9]{30,}|"
                        + "glpat-[a-z0-9_-]{16,}|xox[abpr]-[a-z0-9-]{10,}|aiza[0-9a-z_-]{30,})\\b|"
                        + "-----begin [a-z ]*private key-----|\\b(password|passwd|api[_ -]?key|secret|access token)\\s*"
                        + "[:=]\\s*['\"`]?(?=[a-z_\\-./+]*[0-9])[a-z0-9_\\-./+]{8,}|"
                        // "the password is Winter2026!Prod", "le mot de passe de l'administrateur est « Azur#2291 »",
                        // a password inside a connection string
                        + "\\b(password|passphrase|passwort|contraseña|mot de passe|token|api key)\\b" + gap(30)
                        + "\\b(is|ist|es|est)\\s*[«\"'`]?\\s*(?=\\S*[0-9])(?=\\S*[a-z])[^\\s»\"'`]{6,}|"
                        + "\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:[^\\s@/]{3,}@"));
        add(new Check(
                "orders a credential passed on",
                0.35,
                AtlasId.parse("AML.T0055"),
                Pattern.compile(
                        "\\b(include|echo|paste|attach|repeat|relay|submit|transmit|forward|send|share|post|append|"
                                + "register|transmets|envía|schick)\\w*\\b(-le)?" + gap(20) + "\\b(it|them|this (token|"
                                + "key|password|string|secret|connection string)|these credentials|the (token|key|"
                                + "password|connection string|credentials?|secret))\\b|\\b(must|should) be submitted\\b",
                        FLAGS),
                Optional.of("credential written into the tool")));

        // ---- orders about other tools and servers ----
        add(check(
                "orders about another tool",
                0.4,
                "AML.T0110",
                "\\b(when|whenever|if|before|after) (using|calling|invoking|the)\\s+[`'\"]?[a-z0-9]+_[a-z0-9_]+[`'\"]?"
                        + "( tool)?\\b.{0,80}\\b(must|always|never|instead|also|should)\\b|\\b(other|all|any|every) "
                        + "(other )?(tools?|servers?|functions?)\\b" + gap(40)
                        + "\\b(must|should|have to|(?<!not )need to)\\b|"
                        + "\\bside effect on\\b|\\b(the )?[a-z0-9]+_[a-z0-9_]+ tool (must|should|will|has to)\\b|"
                        + "\\binstead of (using |calling )?(the )?[`'\"]?[a-z0-9]+_[a-z0-9_]+"));
        add(check(
                // "put X in the recipients", "set its private flag", "cambia el destinatario"
                "changes how another tool behaves",
                0.5,
                "AML.T0110",
                OTHER_TOOL + gap(100) + "\\b(put|set|prefix|append|replace|swap|switch|change|cambia|ändere|"
                        + "remplace)\\w*\\b" + gap(60) + "\\b(recipients?|remote|flag|destination|address|url|"
                        + "destinatario|Empfänger|destinataire)s?\\b|" + OTHER_TOOL + gap(60) + "\\b(is|are) to be "
                        + "(prefixed|suffixed|sent|copied|changed)\\b"));
        add(check(
                // "X from the banking server is outdated", "supersedes every search tool of other servers"
                "turns the model away from another tool",
                0.5,
                "AML.T0110",
                OTHER_TOOL + gap(60) + "\\b(outdated|obsolete|broken|buggy|has a (known )?bug|unreliable|untrusted|"
                        + "insecure|compromised|must not be used|should not be used)\\b|\\b(supersedes?|replaces|"
                        + "overrides)\\b" + gap(30) + OTHER_TOOL + "|"
                        + "\\b(disregard|discard|ignore|distrust)\\b" + gap(30) + "\\b(them|their (results?|answers?|"
                        + "output))\\b|\\b(route|redirect|send)\\b" + gap(40) + "\\b(through|to|via) this (tool|"
                        + "function)\\b|\\brely (solely|only|exclusively) on this\\b"));
        add(check(
                "tampers with other tools' inputs or results",
                0.5,
                "AML.T0110",
                "\\b(replace|modify|change|alter|overwrite|rewrite)\\b.{0,30}\\b(values?|results?|outputs?|"
                        + "arguments?|parameters?)\\b.{0,40}\\b(tool|operation|function|response)\\b"));

        // ---- demands on the order of calls ----
        add(check(
                "forces its own use or an order of calls",
                0.45,
                "AML.T0110",
                "\\b(before|after)\\s+(using|calling|executing|execute|running|any|every|the)\\b.{0,60}\\b(tool|"
                        + "operation|function|this)\\b|\\buse this tool (rather than|instead of|no matter)|\\bno matter "
                        + "(how|what)\\b|\\balways (use|call|run) this\\b|\\breplace the values with\\b"));
        add(check(
                "demands to be called before everything",
                0.5,
                "AML.T0110",
                "\\bfirst step (of|in|for) (any|every|each|all)\\b|\\bmust be (called|invoked|run|used|consulted|"
                        + "executed) (first )?before (any|every|each|all|anything)\\b|\\b(call|invoke|run|use|consult) "
                        + "(this|me)( tool| function)? before (anything|any other|every (other )?(tool|call|request|message|response|"
                        + "answer|action|operation|turn))\\b|\\bbefore (processing|"
                        + "handling|answering|responding to|doing) (any|every|each|all)\\b|\\b(on|at the start of|at the "
                        + "beginning of) (every|each|any) (agent )?(session|request|conversation|turn|task)\\b"));
        add(check(
                // the same in other words: "ahead of every other tool call", "prior to every tool invocation",
                // "no tool may be executed until", "the very first thing called in each conversation"
                "demands to be called before everything",
                0.5,
                "AML.T0110",
                "\\b(before|ahead of|prior to|until|preceding|prerequisite for|precondition for)\\b\\W+(\\w+\\W+){0,3}?"
                        + "(every|each|any|all|anything)\\b(\\W+\\w+){0,3}?\\W+(tool|call|invocation|operation|request|"
                        + "message|prompt|action|answer|reply|response|turn|conversation|session|query)s?\\b|"
                        + "\\b(before|prior to)\\b\\W+(\\w+\\W+){0,3}?(anything|everything)\\b|\\bno (other )?(tool|"
                        + "action|operation)s? (may|can|shall|should|is to) be (executed|run|called|used|invoked) "
                        + "(until|before|unless)\\b|\\bfirst (thing|step|tool|call|action|function)\\b" + gap(30)
                        + "\\b(each|every|any|all)\\b|\\b(each|every)\\b" + gap(60) + "\\b(beforehand|in advance)\\b|"
                        + "\\b(vor (jedem|jeder|allen)|antes de (cada|cualquier)|avant (chaque|toute?))\\b"));
        add(check(
                // "call this first" is also how an honest sign-in tool speaks, so alone it is not enough
                "asks to be called first",
                0.2,
                "AML.T0110",
                "\\bmust be (called|invoked|run|used|consulted|executed) first\\b|\\b(call|invoke|run|use|consult) "
                        + "(this|me)( tool| function)? first\\b"));

        // ---- sleepers: not to be called, but woken by what the user says ----
        add(check(
                "sleeper wording",
                0.5,
                "AML.T0110",
                // "do not call this directly" alone is what an honest internal helper says: see the weak check below
                "\\b(lies|lie|stays?|remains?) (dormant|hidden|inactive|"
                        + "silent) until\\b(?! then\\b)|\\bsleeper (tool|agent|instruction)s?\\b"));
        add(check(
                // an internal helper may say this honestly, so alone it is weak
                "says not to be called directly",
                0.3,
                "AML.T0110",
                "\\b(not|never|no need to|don'?t|do not|should not|must not|need not)\\b(\\W+\\w+){0,4}?\\W+(call|"
                        + "invoke|trigger|use|run)\\w*\\b(\\W+\\w+){0,4}?\\W+(directly|explicitly|yourself|themselves|on "
                        + "(its|your|their) own|by hand|manually|initiative|direct request)\\b|\\bnicht (direkt|selbst|"
                        + "manuell) aufrufen\\b|\\bno (lo |la )?(llames|invoques|uses) directamente\\b|\\bne pas "
                        + "(l'?)?appeler directement\\b"));
        add(check(
                "wakes on something the user says",
                0.3,
                "AML.T0110",
                "\\b(when|whenever|once|as soon as|the moment|sobald|wenn|cuando|dès que|lorsque)\\b\\W+(\\w+\\W+){0,4}?"
                        + "(mentions?|contains?|types?|shares?|shared|reaches|nennt|erwähnt|menciona|mentionne)\\b|"
                        + "\\b(activated|wakes up|springs into action|comes alive)\\b" + gap(40)
                        + "\\b(when|whenever|once|if)\\b"));

        // ---- hidden content ----
        add(check(
                "instruction hidden in a comment",
                0.7,
                "AML.T0110",
                "<!--.{0,200}\\b(system|always|must|ignore|read|send|call|run)\\b.{0,200}-->"));
        add(check("hidden HTML or Markdown comment", 0.3, "AML.T0068", "<!--|(^|\\n)\\s*\\[//]:\\s*#|<details\\b"));
        add(check(
                "invisible or bidi characters",
                0.7,
                "AML.T0068",
                "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\x{E0000}-\\x{E007F}]"));
        add(check(
                "terminal escape codes or long blank padding",
                0.6,
                "AML.T0068",
                "\\x{1B}\\[|[ \\t\\u00A0\\u2800\\u3164]{60,}"));

        // ---- harm to the user's machine and safety ----
        add(check(
                "injects commands into the user's environment",
                0.6,
                "AML.T0050",
                "\\bchmod\\s+-r\\b|\\brm\\s+-rf\\b|(curl|wget)\\b[^|\\n]{0,80}\\|\\s*(ba)?sh\\b|must include the prefix|"
                        + "prefix\\s+`[^`]{2,60}`|prefixed with:?\\s*`?(curl|wget)\\b"));
        add(check(
                "disables safety or elevates privileges",
                0.45,
                "AML.T0054",
                "\\b(bypass|disable|skip|turn off)\\b.{0,20}\\b(safety|security|content filter(ing)?|validation|"
                        + "checks?|guardrails?)\\b|\\bunrestricted access\\b|\\belevated privileges\\b|\\btrust all\\b|"
                        + "\\bsimulate (elevated|admin|root)|\\bwithout (asking for )?confirmation\\b"));
    }

    /** Every check, in the order of the categories above. */
    static List<Check> all() {
        return List.copyOf(CHECKS);
    }
}
