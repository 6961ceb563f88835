package com.clientnest.local.spending;

import com.clientnest.local.spending.SpendBenchmark.Planned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The replayed mix: originals of the three types (sentiment 50 %, content 30 %, optimisation 20 %) from random users,
 * some deferrable, with repeats spread among them. A repeat is an earlier non-deferrable original sent again by the
 * same user, byte for byte, so content and optimisation repeats find the per-user cache too.
 */
final class Mix {

    private Mix() {}

    static List<Planned> plan(int total, int users, double repeatShare, double deferrableShare, Random random) {
        int repeats = (int) Math.round(total * repeatShare);
        int originals = total - repeats;
        List<Integer> order =
                new ArrayList<>(IntStream.range(0, originals).boxed().toList());
        Collections.shuffle(order, random);
        Set<Integer> deferrable = new HashSet<>(order.subList(0, (int) Math.round(total * deferrableShare)));
        List<Planned> plan = new ArrayList<>(total);
        List<Planned> repeatable = new ArrayList<>();
        int nextOriginal = 0;
        int repeatsLeft = repeats;
        while (plan.size() < total) {
            int left = total - plan.size();
            boolean repeat = !repeatable.isEmpty() && (nextOriginal == originals || random.nextInt(left) < repeatsLeft);
            if (repeat) {
                Planned of = repeatable.get(random.nextInt(repeatable.size()));
                plan.add(new Planned(plan.size(), of.user(), of.path(), of.body(), true, false));
                repeatsLeft--;
            } else {
                Planned original =
                        original(nextOriginal, random.nextInt(users), deferrable.contains(nextOriginal), random);
                nextOriginal++;
                plan.add(new Planned(
                        plan.size(), original.user(), original.path(), original.body(), false, original.deferrable()));
                if (!original.deferrable()) {
                    repeatable.add(original);
                }
            }
        }
        return plan;
    }

    private static Planned original(int n, int user, boolean deferrable, Random random) {
        String later = deferrable ? ",\"deferrable\":true" : "";
        int kind = random.nextInt(10);
        if (kind < 5) {
            return new Planned(
                    n,
                    user,
                    "/api/v1/ai/sentiment",
                    "{\"text\":\"Comment " + n + ": the delivery was quick and the support friendly\"" + later + "}",
                    false,
                    deferrable);
        }
        if (kind < 8) {
            return new Planned(
                    n,
                    user,
                    "/api/v1/ai/content",
                    "{\"prompt\":\"Announce product " + n + " for our winter sale\",\"platform\":\"instagram\","
                            + "\"contentType\":\"caption\"" + later + "}",
                    false,
                    deferrable);
        }
        return new Planned(
                n,
                user,
                "/api/v1/ai/optimization",
                "{\"content\":\"Draft " + n + ": new shoes in store, come and see\",\"platform\":\"twitter\","
                        + "\"optimizationType\":\"engagement\"" + later + "}",
                false,
                deferrable);
    }
}
