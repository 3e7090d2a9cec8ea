package vlmscope.data;

import java.math.BigInteger;
import java.util.List;

/**
 * CPython 3's {@code random.Random}, ported exactly for sample selection (docs/paper-mapping.md#samples): the MT19937 generator
 * seeded from an int as {@code random.seed(int)} does ({@code init_by_array} over the absolute value's 32-bit
 * chunks, least significant first), and the integer methods built on {@code getrandbits}. Same seed, same calls,
 * same numbers as Python.
 */
public final class CpythonRandom {

    private static final int N = 624, M = 397;
    private static final int MATRIX_A = 0x9908b0df, UPPER_MASK = 0x80000000, LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];   // [624] generator state
    private int index;

    /** {@code random.Random(seed)}. */
    public CpythonRandom(long seed) {
        seed(BigInteger.valueOf(seed));
    }

    /** {@code random.seed(seed)} for any Python int. */
    public void seed(BigInteger seed) {
        BigInteger n = seed.abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];   // [words] little-endian 32-bit chunks
        for (int i = 0; i < words; i++) key[i] = n.shiftRight(32 * i).intValue();
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1, j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The next 32 bits of MT19937 ({@code genrand_uint32}), as an unsigned value in a long. */
    long nextUint32() {
        if (index >= N) {
            for (int kk = 0; kk < N; kk++) {
                int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
                mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** {@code random.random()}: 53 random bits as a double in [0, 1). */
    public double random() {
        long a = nextUint32() >>> 5, b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code random.getrandbits(k)} for k ≥ 0: 32-bit words filled least significant first. */
    public BigInteger getrandbits(int k) {
        if (k < 0) throw new IllegalArgumentException("number of bits must be non-negative");
        if (k == 0) return BigInteger.ZERO;
        if (k <= 32) return BigInteger.valueOf(nextUint32() >>> (32 - k));
        BigInteger result = BigInteger.ZERO;
        int words = (k - 1) / 32 + 1;
        for (int i = 0; i < words; i++, k -= 32) {
            long r = nextUint32();
            if (k < 32) r >>>= 32 - k;
            result = result.or(BigInteger.valueOf(r).shiftLeft(32 * i));
        }
        return result;
    }

    /** {@code random._randbelow(n)} ({@code _randbelow_with_getrandbits}): uniform in [0, n), 0 when n is 0. */
    public int randbelow(int n) {
        if (n < 0) throw new IllegalArgumentException("n must be non-negative");
        if (n == 0) return 0;
        int k = 32 - Integer.numberOfLeadingZeros(n);   // n.bit_length()
        long r = bits(k);
        while (r >= n) r = bits(k);
        return (int) r;
    }

    private long bits(int k) {
        return nextUint32() >>> (32 - k);   // getrandbits(k) for 1 <= k <= 31
    }

    /**
     * {@code random.sample(range(n), k)}: CPython picks a pool (partial shuffle of a list) when an n-element list
     * is smaller than a k-element set, else rejection sampling into a set; both are reproduced.
     */
    public int[] sample(int n, int k) {
        if (k < 0 || k > n) throw new IllegalArgumentException("sample larger than population or is negative");
        int[] result = new int[k];   // [k]
        long setSize = 21;
        if (k > 5) setSize += (long) Math.pow(4, Math.ceil(Math.log(k * 3.0) / Math.log(4)));
        if (n <= setSize) {
            int[] pool = new int[n];   // [n] range(n)
            for (int i = 0; i < n; i++) pool[i] = i;
            for (int i = 0; i < k; i++) {
                int j = randbelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }
        } else {
            java.util.Set<Integer> selected = new java.util.HashSet<>();
            for (int i = 0; i < k; i++) {
                int j = randbelow(n);
                while (selected.contains(j)) j = randbelow(n);
                selected.add(j);
                result[i] = j;
            }
        }
        return result;
    }

    /** {@code random.shuffle(x)} in place. */
    public <T> void shuffle(List<T> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            T t = x.get(i);
            x.set(i, x.get(j));
            x.set(j, t);
        }
    }
}
