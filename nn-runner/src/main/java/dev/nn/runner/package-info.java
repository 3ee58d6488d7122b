/**
 * The {@code nn} command: YAML pipelines, the command line, reports and run folders. It builds
 * networks and trainers through the same builder and registry as a Java program does.
 */
package dev.nn.runner;
