/**
 * Code that nn-core's own packages share and that is not meant for users or plugin authors: it may
 * change in any release. Depends on {@code dev.nn.api} only, so every package of nn-core may use it.
 */
package dev.nn.core.internal;
