package vlmscope.train;

import java.util.List;

/**
 * An example as the model reads it.
 *
 * @param task         task key
 * @param ids          prompt ids followed by answer ids                  // [T]
 * @param promptLength number of prompt ids; answer token j is predicted at position promptLength + j − 1
 * @param pixels       one preprocessed [3, S, S] array per frame
 */
public record EncodedExample(String task, int[] ids, int promptLength, List<float[]> pixels) {

    public int answerLength() {
        return ids.length - promptLength;
    }
}
