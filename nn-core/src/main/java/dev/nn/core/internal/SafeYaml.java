package dev.nn.core.internal;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one way nn reads YAML, pipeline configs and model files alike: into plain Java values (maps,
 * lists, strings, numbers, booleans, null), safely, with one policy.
 *
 * <p>SnakeYAML only parses and composes nodes here; it never constructs objects, so a tag cannot
 * make it instantiate a class. Values are built from the nodes by hand, recognising only YAML 1.2's
 * core types; any other tag is an error. Aliases to lists and maps are limited (an alias bomb
 * fails at once, with its position), as are the size and the nesting depth of a document. Every
 * map entry and list item reports its position under its option path, and every problem is given
 * at {@code source:LINE:COL}.
 */
public final class SafeYaml {
    /** The most aliases to lists and maps a document may hold. */
    public static final int MAX_COLLECTION_ALIASES = 20;
    /** The deepest a document may nest lists and maps. */
    public static final int MAX_DEPTH = 50;

    private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL)?$");
    private static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    private static final Pattern CORE_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final String CORE_PREFIX = "tag:yaml.org,2002:";
    private static final String GLOBAL_TAG = "Global tag is not allowed:";

    /**
     * What a kind of document is called in messages, and how large it may be.
     *
     * @param holder   what holds plain values only, as a message says it ({@code "a pipeline"})
     * @param plural   what cannot hold recursive structures ({@code "nn configs"})
     * @param empty    the problem an empty document is, or null when it is simply null
     * @param maxChars the most characters a document may have
     */
    public record Kind(String holder, String plural, String empty, int maxChars) {
        /** A pipeline config, or a value given with {@code --set}. */
        public static final Kind CONFIG = new Kind(
                "a pipeline",
                "nn configs",
                "the file is empty; a pipeline needs at least a data and a model section",
                3 * 1024 * 1024);
        /** The {@code model.yaml} of a model file, which nn wrote. */
        public static final Kind MODEL = new Kind("a model file", "nn model files", null, 10 * 1024 * 1024);
    }

    /** Where each setting of a document is: told of every map entry and list item, by option path. */
    @FunctionalInterface
    public interface Positions {
        /**
         * Records where {@code path} is.
         *
         * @param path   its option path ({@code model.layers[2].dense}; "" for the root)
         * @param line   its 1-based line
         * @param column its 1-based column
         */
        void put(String path, int line, int column);
    }

    private final String source;
    private final Kind kind;
    private final Positions positions;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private SafeYaml(String source, Kind kind, Positions positions) {
        this.source = source;
        this.kind = kind;
        this.positions = positions;
    }

    /**
     * Reads a document, naming it {@code source} in messages.
     *
     * @param text      the document
     * @param source    what messages name it ({@code configs/digits.yaml}, {@code model.yaml})
     * @param kind      what the document is
     * @param positions told where each setting is
     * @return its root value (usually a map), as plain values
     * @throws ConfigException listing every problem: a syntax error, a tag, a duplicate key, too
     *                         many aliases, an empty document where {@code kind} refuses one
     */
    public static Object read(String text, String source, Kind kind, Positions positions) {
        SafeYaml reader = new SafeYaml(source, kind, positions);
        Object root = reader.parse(text);
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(reader.problems);
        }
        return root;
    }

    /**
     * The bytes as UTF-8 text; anything else is an error at the line and column of the first byte that is not.
     *
     * @param bytes  a file's content
     * @param source what messages name it
     * @return the text
     * @throws ConfigException when the bytes are not UTF-8
     */
    public static String utf8(byte[] bytes, String source) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            // The commonest way to get here: a model.zip given where a config goes.
            throw new ConfigException(
                    source,
                    "is a zip archive, not YAML text: a model file? This command takes a pipeline config"
                            + " (nn info and nn predict take a model)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more UTF-16 chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            throw new ConfigException(
                    position(source, text, text.codePointCount(0, text.length())),
                    String.format(
                            Locale.ROOT,
                            "byte %d (0x%02X) is not UTF-8 text; save the file as UTF-8",
                            in.position(),
                            bytes[in.position()] & 0xff));
        }
        return text;
    }

    /**
     * {@code "source:LINE:COL"} (1-based) of code point {@code index} of {@code text}, counting line
     * breaks as SnakeYAML does, so that positions agree with its marks.
     */
    private static String position(String source, String text, int index) {
        int line = 1;
        int column = 1;
        int at = 0;
        for (int n = 0; n < index && at < text.length(); n++) {
            int c = text.codePointAt(at);
            at += Character.charCount(c);
            if (c == '\r' && at < text.length() && text.charAt(at) == '\n') {
                continue; // CR LF is one break, counted at the LF
            }
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return source + ":" + line + ":" + column;
    }

    /**
     * One value written in YAML flow style, such as a {@code --set} value: {@code 5}, {@code 0.1},
     * {@code [standardize]}, {@code {sgd: {lr: 0.1}}}; the empty text is null.
     *
     * @param text  the value
     * @param where names the value in messages
     * @return the value, as plain values
     * @throws ConfigException when it is not valid YAML or holds what a config may not
     */
    public static Object value(String text, String where) {
        if (text.isBlank()) {
            return null;
        }
        SafeYaml reader = new SafeYaml(where, Kind.CONFIG, (path, line, column) -> {});
        Object value = reader.parse(text);
        if (!reader.problems.isEmpty()) {
            // Positions inside a one-line value say little; name the override instead.
            List<Problem> named = new ArrayList<>();
            for (Problem p : reader.problems) {
                named.add(new Problem(where, p.message()));
            }
            throw new ConfigException(named);
        }
        return value;
    }

    /**
     * {@code tree} as YAML that {@link #read} gives back unchanged, short lists and maps in flow
     * style (as a config is written): strings that would read as anything else (under YAML 1.1 or
     * 1.2 rules) are quoted.
     *
     * @param tree plain values
     * @return the YAML text
     */
    public static String dump(Map<String, Object> tree) {
        return dump(tree, DumperOptions.FlowStyle.AUTO, 120);
    }

    /**
     * {@code tree} as block-style YAML on unbroken lines (as a model file is written) that
     * {@link #read} gives back unchanged.
     *
     * @param tree plain values
     * @return the YAML text
     */
    public static String dumpBlock(Map<String, Object> tree) {
        return dump(tree, DumperOptions.FlowStyle.BLOCK, Integer.MAX_VALUE);
    }

    private static String dump(Map<String, Object> tree, DumperOptions.FlowStyle style, int width) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(style);
        options.setIndent(2);
        options.setWidth(width);
        options.setSplitLines(false);
        LoaderOptions loading = new LoaderOptions();
        Yaml yaml = new Yaml(
                new SafeConstructor(loading), new Representer(options), options, loading, new QuoteAmbiguous());
        return yaml.dump(tree);
    }

    private Object parse(String text) {
        // Duplicate keys and non-core tags are refused below, where nodes become values (the composer
        // builds nodes only, so the duplicate-key flag is a second line); these limits guard the composer.
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(kind.maxChars());
        options.setProcessComments(false);
        options.setTagInspector(tag -> false);
        Node root;
        try {
            Parser parser = new AliasLimit(new ParserImpl(new StreamReader(text), options));
            root = new Composer(parser, new CoreSchema(), options).getSingleNode();
        } catch (AliasBomb e) {
            problems.add(
                    new Problem(
                            at(e.mark),
                            "more than " + MAX_COLLECTION_ALIASES
                                    + " aliases refer to lists or maps, which is how an alias bomb starts; write the values out instead"));
            return null;
        } catch (MarkedYAMLException e) {
            problems.add(syntaxProblem(e));
            return null;
        } catch (ReaderException e) {
            problems.add(new Problem(
                    position(source, text, e.getPosition()),
                    String.format(
                            Locale.ROOT,
                            "invalid YAML: the character U+%04X is not allowed in YAML text; remove it",
                            e.getCodePoint())));
            return null;
        } catch (YAMLException e) {
            problems.add(new Problem(source, "invalid YAML: " + oneLine(e.getMessage())));
            return null;
        }
        if (root == null) {
            if (kind.empty() != null) {
                problems.add(new Problem(source, kind.empty()));
            }
            return null;
        }
        put("", root);
        return convert(root, "");
    }

    private Problem syntaxProblem(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = mark == null ? source : at(mark);
        String problem = oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
        if (problem.startsWith(GLOBAL_TAG)) {
            // SnakeYAML refuses global tags itself, before any node exists (so there is no option path here).
            return new Problem(
                    where,
                    tagNotAllowed(new Tag(problem.substring(GLOBAL_TAG.length()).strip())));
        }
        if (problem.contains("<block end>") || problem.contains("mapping values are not allowed")) {
            problem += "; check this line's indentation, and that every ':' inside a value is quoted";
        }
        Mark context = e.getContextMark();
        // The context only helps when it points somewhere else, such as where an unclosed list began.
        if (e.getContext() == null || context == null || mark == null || context.getLine() == mark.getLine()) {
            return new Problem(where, "invalid YAML: " + problem);
        }
        String started = " started at line " + (context.getLine() + 1);
        String contextText = oneLine(e.getContext());
        return new Problem(
                where,
                "invalid YAML: "
                        + (contextText.startsWith("while ")
                                ? problem + " (" + contextText + started + ")"
                                : contextText + ", " + problem + " (the first" + started + ")"));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private String at(Mark mark) {
        return source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    private void put(String path, Node node) {
        Mark mark = node.getStartMark();
        if (mark != null) {
            positions.put(path, mark.getLine() + 1, mark.getColumn() + 1);
        }
    }

    private Object convert(Node node, String path) {
        if (node instanceof AnchorNode anchor) {
            return convert(anchor.getRealNode(), path);
        }
        Tag tag = node.getTag();
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, tag, path);
        }
        if (!open.add(node)) {
            problems.add(new Problem(
                    at(node.getStartMark()),
                    prefix(path) + "an alias refers to the list or map it is inside; " + kind.plural()
                            + " cannot hold recursive structures"));
            return null;
        }
        try {
            if (node instanceof MappingNode mapping) {
                return tag.equals(Tag.MAP) ? map(mapping, path) : badTag(node, tag, path);
            }
            if (node instanceof SequenceNode sequence) {
                return tag.equals(Tag.SEQ) ? list(sequence, path) : badTag(node, tag, path);
            }
            return badTag(node, tag, path);
        } finally {
            open.remove(node);
        }
    }

    private Map<String, Object> map(MappingNode node, String path) {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (NodeTuple entry : node.getValue()) {
            Node keyNode = entry.getKeyNode() instanceof AnchorNode a ? a.getRealNode() : entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || !isCoreScalarTag(keyNode.getTag())) {
                problems.add(new Problem(
                        at(keyNode.getStartMark()),
                        prefix(path)
                                + (keyNode instanceof ScalarNode
                                        ? tagNotAllowed(keyNode.getTag())
                                        : "a key must be a plain name, not a "
                                                + (keyNode instanceof MappingNode ? "map" : "list"))));
                continue;
            }
            String key = keyScalar.getValue();
            int line = keyNode.getStartMark().getLine() + 1;
            Integer first = firstLine.putIfAbsent(key, line);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (first != null) {
                problems.add(new Problem(
                        at(keyNode.getStartMark()),
                        childPath + ": duplicate key '" + key + "' (first given at line " + first
                                + "); give each key once"));
                continue;
            }
            put(childPath, keyNode);
            map.put(key, convert(entry.getValueNode(), childPath));
        }
        return map;
    }

    private List<Object> list(SequenceNode node, String path) {
        List<Object> list = new ArrayList<>();
        int index = 0;
        for (Node item : node.getValue()) {
            String childPath = path + "[" + index++ + "]";
            put(childPath, item);
            list.add(convert(item, childPath));
        }
        return list;
    }

    private Object badTag(Node node, Tag tag, String path) {
        problems.add(new Problem(at(node.getStartMark()), prefix(path) + tagNotAllowed(tag)));
        return null;
    }

    private String tagNotAllowed(Tag tag) {
        return "the tag '" + tagText(tag) + "' is not allowed; " + kind.holder() + " holds plain values only"
                + " (text, numbers, true/false, lists and maps), so remove the tag";
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String tagText(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(CORE_PREFIX) ? "!!" + value.substring(CORE_PREFIX.length()) : value;
    }

    private static boolean isCoreScalarTag(Tag tag) {
        return tag.equals(Tag.STR)
                || tag.equals(Tag.INT)
                || tag.equals(Tag.FLOAT)
                || tag.equals(Tag.BOOL)
                || tag.equals(Tag.NULL);
    }

    private Object scalar(ScalarNode node, Tag tag, String path) {
        String text = node.getValue();
        if (tag.equals(Tag.STR)) {
            return text;
        }
        if (tag.equals(Tag.NULL) && CORE_NULL.matcher(text).matches()) {
            return null;
        }
        if (tag.equals(Tag.BOOL) && CORE_BOOL.matcher(text).matches()) {
            return text.equalsIgnoreCase("true");
        }
        if (tag.equals(Tag.INT) && CORE_INT.matcher(text).matches()) {
            return integer(node, text, path);
        }
        if (tag.equals(Tag.FLOAT) && CORE_FLOAT.matcher(text).matches()) {
            return floating(text);
        }
        if (isCoreScalarTag(tag)) {
            problems.add(new Problem(
                    at(node.getStartMark()), prefix(path) + "'" + text + "' is not a valid " + tagText(tag)));
            return null;
        }
        return badTag(node, tag, path);
    }

    private Object integer(ScalarNode node, String text, String path) {
        BigInteger value;
        if (text.startsWith("0x")) {
            value = new BigInteger(text.substring(2), 16);
        } else if (text.startsWith("0o")) {
            value = new BigInteger(text.substring(2), 8);
        } else {
            value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        }
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        problems.add(new Problem(at(node.getStartMark()), prefix(path) + text + " is too large for a 64-bit integer"));
        return null;
    }

    private static Double floating(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        return switch (t.toLowerCase(Locale.ROOT)) {
            case ".inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.parseDouble(t);
        };
    }

    /** YAML 1.2's core schema: plain scalars are null, booleans, integers, floats or strings, nothing else. */
    private static final class CoreSchema extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF", 10);
            addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0", 10);
        }
    }

    /** Recognises what either YAML 1.1 or the core schema reads as a non-string, so the dumper quotes such strings. */
    private static final class QuoteAmbiguous extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            super.addImplicitResolvers();
            addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF", 10);
            addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0", 10);
        }
    }

    /** Counts aliases to lists and maps as they are parsed, so a bomb stops at the alias that crosses the limit. */
    private static final class AliasLimit implements Parser {
        private final Parser parser;
        private final Set<String> collectionAnchors = new HashSet<>();
        private int aliases;

        AliasLimit(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = parser.getEvent();
            if (event instanceof CollectionStartEvent start && start.getAnchor() != null) {
                collectionAnchors.add(start.getAnchor());
            } else if (event instanceof ScalarEvent scalar && scalar.getAnchor() != null) {
                collectionAnchors.remove(scalar.getAnchor());
            } else if (event instanceof AliasEvent alias
                    && collectionAnchors.contains(alias.getAnchor())
                    && ++aliases > MAX_COLLECTION_ALIASES) {
                throw new AliasBomb(alias.getStartMark());
            }
            return event;
        }
    }

    /** Thrown out of the composer when the alias limit is crossed. */
    private static final class AliasBomb extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Mark mark;

        AliasBomb(Mark mark) {
            super(null, null, false, false);
            this.mark = mark;
        }
    }
}
