/** {@link dev.nn.Nn}: the Java builder API in one import, {@code import static dev.nn.Nn.*;}. */
package dev.nn;
