package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableColumnTest {
    private static final Set<String> MISSING = Set.copyOf(TableColumn.DEFAULT_MISSING_VALUES);

    @Test
    void aNumberCellIsItsFloatAndEveryMissingSpellingIsNaN() {
        TableColumn rooms = TableColumn.number("rooms");
        assertThat(rooms.parse(" 3.25 ", MISSING)).isEqualTo(3.25f);
        assertThat(rooms.parse("-1e-3", MISSING)).isEqualTo(-0.001f);
        for (String missing : List.of("", "  ", "NA", "N/A", "NaN", "null", "?")) {
            assertThat(rooms.parse(missing, MISSING)).as(missing).isNaN();
        }
        assertThat(rooms.parse(null, MISSING)).isNaN();
        // An empty cell is missing even when the data lists other spellings; "NA" then is a word.
        assertThat(rooms.parse("", Set.of("-"))).isNaN();
        assertThatThrownBy(() -> rooms.parse("NA", Set.of("-")))
                .isInstanceOf(NumberFormatException.class)
                .hasMessage("value 'NA' is not a number");
        assertThatThrownBy(() -> rooms.parse("three", MISSING))
                .isInstanceOf(NumberFormatException.class)
                .hasMessage("value 'three' is not a number");
        assertThatThrownBy(() -> rooms.parse("1e39", MISSING))
                .isInstanceOf(NumberFormatException.class)
                .hasMessage("value '1e39' is too large for float32");
    }

    @Test
    void aCategoryCellIsItsLevelsIndexOrMinusOneWhenUnseen() {
        TableColumn city = TableColumn.category("city", List.of("Paris", "Lyon", "02134"));
        assertThat(city.parse("Lyon", MISSING)).isEqualTo(1f);
        assertThat(city.parse(" 02134", MISSING)).isEqualTo(2f);
        assertThat(city.parse("2134", MISSING)).as("texts are exact").isEqualTo(-1f);
        assertThat(city.parse("paris", MISSING)).isEqualTo(-1f);
        assertThat(city.parse("NA", MISSING)).isNaN();
    }

    @Test
    void aBooleanCellTakesEverySpellingInAnyCase() {
        TableColumn garden = TableColumn.bool("garden");
        for (String yes : List.of("true", "TRUE", "Yes", "y", "T", "1")) {
            assertThat(garden.parse(yes, MISSING)).as(yes).isEqualTo(1f);
        }
        for (String no : List.of("false", "False", "NO", "n", "f", "0")) {
            assertThat(garden.parse(no, MISSING)).as(no).isEqualTo(0f);
        }
        assertThat(garden.parse("", MISSING)).isNaN();
        assertThatThrownBy(() -> garden.parse("maybe", MISSING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 'maybe' is not true or false (nor yes/no, y/n, t/f or 1/0)");
        assertThatThrownBy(() -> garden.parse("2", MISSING)).hasMessageContaining("'2' is not true or false");
    }

    @Test
    void defaultsAreFilledInAndLevelsCopied() {
        List<String> levels = new ArrayList<>(List.of("a", "b"));
        TableColumn c = new TableColumn("c", ColumnType.CATEGORY, levels, null, null, null);
        levels.add("z");
        assertThat(c.levels()).containsExactly("a", "b");
        assertThat(c.missing()).isEqualTo(Missing.MOST_FREQUENT);
        assertThat(c.unseen()).isEqualTo(Unseen.ZEROS);
        assertThat(TableColumn.number("n").missing()).isEqualTo(Missing.MEAN);
        assertThat(new TableColumn("b", ColumnType.BOOLEAN, null, null, null, null).levels())
                .isEqualTo(TableColumn.BOOLEAN_LEVELS);
        assertThat(c).isEqualTo(TableColumn.category("c", List.of("a", "b")));
        assertThat(c.levels().indexOf("b")).isEqualTo(1);
        assertThatThrownBy(() -> c.levels().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFillIsCheckedAgainstTheTypeAndBooleanSpellingsAreStoredAsTrueOrFalse() {
        assertThat(new TableColumn("n", ColumnType.NUMBER, null, Missing.CONSTANT, " 0.5", null).fill())
                .isEqualTo("0.5");
        assertThat(new TableColumn("b", ColumnType.BOOLEAN, null, Missing.CONSTANT, "Yes", null).fill())
                .isEqualTo("true");
        assertThat(new TableColumn("c", ColumnType.CATEGORY, List.of("x"), Missing.CONSTANT, "x", Unseen.ERROR).fill())
                .isEqualTo("x");
        assertThatThrownBy(() -> new TableColumn("n", ColumnType.NUMBER, null, Missing.CONSTANT, "zero", null))
                .hasMessage("column 'n': fill 'zero' is not a number");
        assertThatThrownBy(() -> new TableColumn("c", ColumnType.CATEGORY, List.of("x"), Missing.CONSTANT, "y", null))
                .hasMessage("column 'c': fill 'y' is not one of the column's levels");
        assertThatThrownBy(() -> new TableColumn("b", ColumnType.BOOLEAN, null, Missing.CONSTANT, "2", null))
                .hasMessage("column 'b': fill '2' is not true or false");
        assertThatThrownBy(() -> new TableColumn("n", ColumnType.NUMBER, null, Missing.CONSTANT, null, null))
                .hasMessage("column 'n': missing: constant needs a fill value");
        assertThatThrownBy(() -> new TableColumn("n", ColumnType.NUMBER, null, Missing.MEDIAN, "1", null))
                .hasMessage(
                        "column 'n': fill '1' is the value of missing: constant, and the column's missing is median");
    }

    @Test
    void policiesThatDoNotFitTheTypeAreRefused() {
        assertThatThrownBy(() -> new TableColumn("c", ColumnType.CATEGORY, List.of("x"), Missing.MEAN, null, null))
                .hasMessage("column 'c': missing: mean is for number columns, and this is a category column;"
                        + " use most_frequent or constant");
        assertThatThrownBy(() -> new TableColumn("n", ColumnType.NUMBER, null, null, null, Unseen.ERROR))
                .hasMessage("column 'n': unseen is for category columns, and this is a number column");
        assertThatThrownBy(() -> new TableColumn("n", ColumnType.NUMBER, List.of("x"), null, null, null))
                .hasMessage("column 'n': a number column has no levels, got 1");
        assertThatThrownBy(() -> new TableColumn("b", ColumnType.BOOLEAN, List.of("no", "yes"), null, null, null))
                .hasMessage("column 'b': a boolean column's levels are [false, true], got [no, yes]");
        assertThatThrownBy(() -> TableColumn.category("c", List.of("x", "y", "x")))
                .hasMessage("column 'c': level 'x' is listed twice (at 0 and 2)");
        assertThatThrownBy(() -> TableColumn.category("c", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theConfigSpellingsOfTheEnumsAreLowerCase() {
        assertThat(ColumnType.fromLabel("Category")).isEqualTo(ColumnType.CATEGORY);
        assertThat(Missing.fromLabel("drop_row")).isEqualTo(Missing.DROP_ROW);
        assertThat(Missing.MOST_FREQUENT.label()).isEqualTo("most_frequent");
        assertThat(Unseen.fromLabel("zeros")).isEqualTo(Unseen.ZEROS);
        assertThatThrownBy(() -> ColumnType.fromLabel("text"))
                .hasMessage("unknown column type 'text'; use number, category or boolean");
    }
}
