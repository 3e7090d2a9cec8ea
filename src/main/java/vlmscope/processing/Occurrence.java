package vlmscope.processing;

/** Which occurrences of a word in a sequence to use (docs/paper-mapping.md#positions: experiments differ on this). */
public enum Occurrence {
    /** The first occurrence only. */
    FIRST,
    /** Every occurrence, in order. */
    ALL,
    /** The last occurrence only. */
    LAST
}
