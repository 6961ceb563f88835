package com.clientnest.gateway.input;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds text a request must not carry: NUL and the other control characters but tab, line feed and carriage return
 * (PostgreSQL refuses NUL in text and jsonb, and none of them belongs in a prompt), and unpaired surrogates, which
 * are not text at all. Walks a request body's record components, lists and maps, so every field of every body is
 * covered without an annotation on each.
 */
final class TextGuard {

    private static final int MAX_DEPTH = 16;

    /**
     * Each record class's components with their accessors, looked up once: {@code getRecordComponents()} makes new
     * {@code Method} objects at every call, each building its own accessor, which cost about 1 % of the CPU of a
     * submission.
     */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Component::of).toList();
        }
    };

    private TextGuard() {}

    /** The path of the first field holding invalid text, or null when all text is valid. */
    static String firstInvalidField(Object body) {
        return find(body, "", 0);
    }

    static boolean isValid(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String find(Object value, String path, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return null;
        }
        if (value instanceof String text) {
            return isValid(text) ? null : path;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                String found = find(item, path + "[" + index++ + "]", depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String child = join(path, key);
                String found = isValid(key) ? find(entry.getValue(), child, depth + 1) : child;
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value.getClass().isRecord()) {
            for (Component component : COMPONENTS.get(value.getClass())) {
                String found = find(component.read(value), join(path, component.name()), depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private record Component(String name, MethodHandle accessor) {

        static Component of(RecordComponent component) {
            try {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                return new Component(component.getName(), MethodHandles.lookup().unreflect(accessor));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
        }

        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot read " + name + " of " + record.getClass(), e);
            }
        }
    }
}
