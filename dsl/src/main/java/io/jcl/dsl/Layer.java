package io.jcl.dsl;

import java.util.Map;

/**
 * Values from outside the script that override it, in order: the {@code JCL_*} environment, then
 * {@code --set}. Raw values are strings as typed; {@code origin} says, per key, where each came from
 * (e.g. "env JCL_CLUSTER_PORT").
 */
public record Layer(String name, Map<String, Object> values, Map<String, String> origin) {
}
