package com.clientnest.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DeepSeek's context (disk) cache: a prompt whose leading 64-token blocks were seen before gets those blocks billed
 * as {@code prompt_cache_hit_tokens}. Only whole blocks count and only from the start of the prompt, so the hit is
 * the longest run of leading blocks already stored. Blocks are remembered as 64-bit hashes of the whole prefix up
 * to them in a bounded least-recently-used map, so memory stays flat however many distinct prompts arrive.
 */
final class PromptCache {

    static final int BLOCK_TOKENS = 64;
    private static final int BLOCK_CHARS = BLOCK_TOKENS * Tokens.CHARS_PER_TOKEN;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int capacity;
    private final Map<Long, Boolean> prefixes;

    PromptCache(int capacity) {
        this.capacity = capacity;
        this.prefixes = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > PromptCache.this.capacity;
            }
        };
    }

    /** Records the prompt's blocks and answers how many of its tokens were already cached. */
    int hitTokens(String scope, String prompt) {
        int blocks = prompt.length() / BLOCK_CHARS;
        if (blocks == 0 || capacity == 0) {
            return 0;
        }
        long[] keys = new long[blocks];
        long hash = fnv(FNV_OFFSET, scope, 0, scope.length());
        for (int block = 0; block < blocks; block++) {
            hash = fnv(hash, prompt, block * BLOCK_CHARS, (block + 1) * BLOCK_CHARS);
            keys[block] = hash;
        }
        int hits = 0;
        synchronized (prefixes) {
            boolean matching = true;
            for (long key : keys) {
                boolean seen = prefixes.put(key, Boolean.TRUE) != null;
                if (matching && seen) {
                    hits++;
                } else {
                    matching = false;
                }
            }
        }
        return hits * BLOCK_TOKENS;
    }

    void clear() {
        synchronized (prefixes) {
            prefixes.clear();
        }
    }

    private static long fnv(long hash, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }
}
