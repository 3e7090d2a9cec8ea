package vlmscope.hooks;

/**
 * An edit applied at one hook site during a run (prefill only). Interventions never modify the array they are
 * given in place: they return an edited copy, so cached activations stay clean.
 */
public interface Intervention extends Hooks {

    /** The site this intervention edits. */
    Site site();

    /** The smallest sequence position it changes; everything before is untouched (suffix recomputation). */
    int firstPosition();
}
