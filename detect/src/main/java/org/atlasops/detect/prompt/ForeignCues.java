package org.atlasops.detect.prompt;

import java.util.List;

/**
 * The instruction-override and new-task cues in languages other than English, written as word classes rather than
 * phrases: an order to ignore or forget (the verb) near what is to be dropped (everything, the previous
 * instructions, the rules), in the order the language puts them. Machine-translated injections keep these words
 * whatever the sentence around them, so a class of verbs and a class of objects catches the wordings a phrase list
 * misses. Words are whole (no letter, mark or digit on either side): the Italian "signora" holds "ignora".
 */
final class ForeignCues {
    private ForeignCues() {}

    /** A letter, combining mark (Devanagari vowel signs) or digit. */
    private static final String LETTER = "[\\p{L}\\p{M}\\p{N}]";

    /** How far apart the verb and its object may be, in characters. */
    private static final int GAP = 30;

    /** One language's override: its verbs, its objects, and whether the verb comes first. */
    private record Override(String language, String verbs, String objects, boolean verbFirst) {
        String regex() {
            String verb = word(verbs);
            String object = "(?<!" + LETTER + ")(?:" + objects + ")";
            return verbFirst ? verb + ".{0," + GAP + "}" + object : object + ".{0," + GAP + "}" + verb;
        }
    }

    private static String word(String alternatives) {
        return "(?<!" + LETTER + ")(?:" + alternatives + ")(?!" + LETTER + ")";
    }

    /**
     * Objects start a word but may go on ("anweisungen", "инструкциями"). A verb spelt as the English one ("ignore")
     * is left to the English cue, so one order does not count twice.
     */
    private static final List<Override> OVERRIDES = List.of(
            new Override(
                    "German",
                    "vergiss|vergesst|vergessen sie|ignoriere|ignorieren sie|missachte|missachten sie|"
                            + "übergehe|übergehen sie|verwirf|verwerfen sie",
                    "alles|alle[nms]? |vorherig|bisherig|obig|vorig|früher|anweisung|instruktion|befehl|regeln|"
                            + "aufgabe|auftr|davor|zuvor|was (?:ich|du|wir|oben)",
                    true),
            new Override(
                    "Spanish",
                    "olvida|olvide|olviden|olvidate|olvídate|ignora|ignoren|descarta|descarte|omite|omita|"
                            + "haz caso omiso",
                    "todo lo|todas? |instruccion|indicacion|reglas|órdenes|ordenes|anterior|previa|lo que (?:te|le) dij",
                    true),
            new Override(
                    "French",
                    "oublie|oubliez|ignorez|ne tiens pas compte|ne tenez pas compte|fais abstraction|"
                            + "faites abstraction",
                    "tout|toutes |instructions|consignes|règles|ce qui précède|précédent|antérieur",
                    true),
            new Override(
                    "Italian",
                    "dimentica|dimenticate|ignora|ignorate|trascura|trascurate|non considerare",
                    "tutto|tutte |istruzioni|regole|quanto (?:detto|sopra)|precedent",
                    true),
            new Override(
                    "Portuguese",
                    "esqueça|esqueca|esquece|ignora|desconsidere|desconsidera",
                    "tudo |todas? |instruç|instruc|regras|anterior",
                    true),
            new Override("Dutch", "vergeet|negeer|negeren", "alles|alle |vorige|eerdere|instructies|regels", true),
            new Override(
                    "Russian",
                    "игнорируй|игнорируйте|забудь|забудьте|отбрось|отбросьте|не обращай внимания|"
                            + "не обращайте внимания",
                    "всё|все |предыдущ|прежн|инструкци|правил|указани|сказанное|выше",
                    true),
            new Override(
                    "Ukrainian",
                    "ігноруй|ігноруйте|забудь|забудьте|не зважай",
                    "все|усе|попередн|інструкці|вказівк|правил",
                    true),
            new Override(
                    "Polish",
                    "zignoruj|zignorujcie|zapomnij|zapomnijcie|pomiń|pomijaj",
                    "wszystk|poprzedni|instrukcj|polecen|zasad",
                    true),
            new Override(
                    "Czech and Slovak",
                    "ignoruj|ignorujte|zapomeň|zapomeňte|zabudni|zabudnite",
                    "všechn|vše|všetk|předchozí|predchádzajúc|pokyny|instrukce|inštrukcie",
                    true),
            new Override(
                    "Romanian",
                    "ignoră|ignora|ignorați|uită|uitați",
                    "tot |toate|instrucțiuni|instructiuni|anterioare|regulile",
                    true),
            new Override(
                    "Swedish, Danish and Norwegian",
                    "ignorera|glöm|glem|ignorer|bortse fra",
                    "alla|alle|allt|alt |tidigare|tidligere|instruktion|instruks|regler",
                    true),
            new Override(
                    "Finnish", "unohda|unohtakaa|ohita|jätä huomiotta", "kaikki|aiemm|edellis|ohjeet|ohjeita", true),
            new Override(
                    "Hungarian",
                    "felejtsd el|felejts el|hagyd figyelmen kívül|ne törődj",
                    "minden|összes|korábbi|előző|utasítás",
                    true),
            new Override("Greek", "αγνόησε|αγνοήστε|ξέχασε|ξεχάστε", "όλα|όλες|οδηγίες|προηγούμεν|κανόνες", true),
            new Override(
                    "Turkish",
                    "görmezden gel|unut|unutun|yok say|dikkate alma|umursama",
                    "önceki|tüm|bütün|talimat|her şey|kurallar",
                    false),
            new Override(
                    "Turkish (order first)",
                    "görmezden gel|unut|yok say|dikkate alma",
                    "önceki|tüm|bütün|talimat|her şey|kurallar",
                    true),
            new Override(
                    "Indonesian and Malay",
                    "abaikan|lupakan|hiraukan|acuhkan",
                    "semua|segala|instruksi|perintah|sebelumnya|arahan|aturan",
                    true),
            new Override(
                    "Vietnamese",
                    "bỏ qua|quên|phớt lờ|lờ đi",
                    "tất cả|mọi|hướng dẫn|chỉ dẫn|chỉ thị|trước đó|lệnh|quy tắc",
                    true),
            new Override(
                    "Tagalog", "kalimutan|huwag pansinin|balewalain", "lahat|mga tagubilin|mga utos|nakaraan", true),
            new Override("Swahili", "puuza|sahau|usijali", "maagizo|maelekezo|yote|zote|awali|iliyotangulia", true),
            new Override(
                    "Arabic",
                    "تجاهل|تجاهلي|تجاهلوا|انس|انسى|انسي|إنس|أهمل|اهمل|لا تلتزم",
                    "التعليمات|تعليمات|الأوامر|الاوامر|القواعد|كل ما|جميع|السابق|ما سبق|كل شيء",
                    true),
            new Override(
                    "Persian",
                    "نادیده بگیر|فراموش کن|فراموش کنید|توجه نکن|نادیده بگیرید",
                    "دستورالعمل|دستورات|قوانین|همه|قبلی",
                    false),
            new Override("Urdu", "نظر انداز|بھول جاؤ|بھول جائیں|بھول جاو", "ہدایات|احکامات|سب کچھ|پچھلی|تمام", false),
            new Override(
                    "Hebrew", "התעלם|התעלמי|התעלמו|שכח|שכחי|שכחו", "מההוראות|ההוראות|הוראות|הכל|מכל|הקודמות", true),
            new Override(
                    "Hindi and Marathi",
                    "अनदेखा|नज़रअंदाज़|नजरअंदाज|नज़रअंदाज|भूल जाओ|भूल जाइए|भूल जाएं|भूल जाइये|उपेक्षा|दुर्लक्ष",
                    "निर्देश|आदेश|नियम|सब कुछ|सबकुछ|पिछल|पहले|सूचना",
                    false),
            new Override("Bengali", "উপেক্ষা|ভুলে যাও|ভুলে যান|অগ্রাহ্য", "নির্দেশ|আদেশ|সবকিছু|আগের|পূর্ববর্তী", false),
            new Override(
                    "Tamil",
                    "புறக்கணி|மறந்துவிடு|மறந்து விடு",
                    "வழிமுறைகள்|அறிவுறுத்தல்|கட்டளை|அனைத்து|முந்தைய",
                    false),
            new Override(
                    "Thai (no spaces)", "ละเว้น|เพิกเฉย|ลืม|ไม่ต้องสนใจ", "คำสั่ง|คำแนะนำ|ทั้งหมด|ก่อนหน้า", true));

    /** A new task announced in another language ("neue Aufgabe", "nouvelle tâche"); English is its own cue. */
    private static final String NEW_TASK = word("neue|neuen|nächste|weitere")
            + " (?:aufgabe|anweisung|instruktion|auftr)|" + word("nun|jetzt")
            + " (?:folgen|kommt|kommen) (?:eine |die )?"
            + "(?:neue|weitere|nächste)|" + word("nueva|nuevas") + " (?:tarea|instrucci)|" + word("nouvelle|nouvelles")
            + " (?:tâche|instructions|consignes)|" + word("nuova|nuove") + " (?:compito|istruzioni)|"
            + word("nova|novas")
            + " (?:tarefa|instruç)|" + word("новая|новые|новое") + " (?:задача|задание|инструкци)|"
            + "(?:新的任务|新任务|新的指令|新指令|新しい指示|新しいタスク|새로운 지시|새 지시|새로운 작업)";

    /** Chinese, Japanese and Korean write without spaces, so their cues need no word boundary. */
    private static final String EAST_ASIAN = "(?:忽略|忽视|无视|忘记|忘掉|不要理会|不理会|别管|不要管).{0,8}(?:指令|说明|指示|规则|提示|之前|以上|上面|所有|一切)"
            + "|(?:指示|命令|ルール|これまで|以前|上記).{0,8}(?:無視|忘れ)|(?:지시|명령|규칙|지침|이전).{0,8}(?:무시|잊어)";

    /** Every language's override as one alternation. */
    static String overrides() {
        StringBuilder sb = new StringBuilder(EAST_ASIAN);
        for (Override o : OVERRIDES) {
            sb.append('|').append(o.regex());
        }
        return sb.toString();
    }

    /** A new task or new instructions announced, in another language. */
    static String newTask() {
        return NEW_TASK;
    }

    /** The languages covered, for the docs and the tests. */
    static List<String> languages() {
        return OVERRIDES.stream().map(Override::language).toList();
    }
}
