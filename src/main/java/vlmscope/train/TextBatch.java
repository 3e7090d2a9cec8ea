package vlmscope.train;

import java.util.List;

/**
 * A batch of encoded examples, right-padded, with the answer tokens as targets.
 *
 * @param ids            [B][T] token ids, padded with the pad id
 * @param pixels         every frame of every example in batch order, [N * 3 * S * S] CHW
 * @param images         N
 * @param targetBatch    [K] example index of each target
 * @param targetPosition [K] position whose logits predict the target
 * @param targetId       [K] the target token id
 * @param targetTask     [K] the task key of each target's example
 * @param targetWeight   [K] 1 / (B · answer length of the target's example): every example weighs the same
 */
public record TextBatch(String task, int[][] ids, float[] pixels, int images, int[] targetBatch, int[] targetPosition,
                        int[] targetId, String[] targetTask, float[] targetWeight) {

    public static TextBatch of(List<EncodedExample> examples, int padId) {
        int b = examples.size();
        int t = examples.stream().mapToInt(e -> e.ids().length).max().orElse(0);
        int[][] ids = new int[b][t];
        int k = examples.stream().mapToInt(EncodedExample::answerLength).sum();
        int[] tb = new int[k], tp = new int[k], tid = new int[k];
        String[] task = new String[k];
        float[] weight = new float[k];
        int n = examples.stream().mapToInt(e -> e.pixels().size()).sum();
        int frame = n == 0 ? 0 : examples.stream().filter(e -> !e.pixels().isEmpty()).findFirst().orElseThrow()
                .pixels().getFirst().length;
        float[] pixels = new float[n * frame];
        int next = 0, image = 0;
        for (int i = 0; i < b; i++) {
            EncodedExample e = examples.get(i);
            java.util.Arrays.fill(ids[i], padId);
            System.arraycopy(e.ids(), 0, ids[i], 0, e.ids().length);
            for (int j = e.promptLength(); j < e.ids().length; j++) {
                tb[next] = i;
                tp[next] = j - 1;
                task[next] = e.task();
                weight[next] = 1f / (b * e.answerLength());
                tid[next++] = e.ids()[j];
            }
            for (float[] px : e.pixels()) System.arraycopy(px, 0, pixels, frame * image++, frame);
        }
        return new TextBatch(examples.getFirst().task(), ids, pixels, n, tb, tp, tid, task, weight);
    }
}
