package org.atlasops.kb;

/** The edit distance {@link KnowledgeBase#nearest} ranks candidates by. */
final class EditDistance {
    private EditDistance() {}

    /** Techniques and sub-techniques are one kind when a user's ID is matched: either may stand for the other. */
    static boolean sameKind(ObjectType a, ObjectType b) {
        return technique(a) == technique(b);
    }

    private static ObjectType technique(ObjectType t) {
        return t == ObjectType.SUB_TECHNIQUE ? ObjectType.TECHNIQUE : t;
    }

    /** Edits between two texts, a swap of two neighbours counting as one (typed IDs swap digits: T0015 for T0051). */
    static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
