package dev.nn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Context;
import dev.nn.api.LayerProvider;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.testkit.Scale.Defect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contracts pass a correct provider and catch each kind of broken one. */
class ContractsTest {

    @Nested
    class ACorrectRandomLayerPassesTheLayerContract extends LayerContract {
        @Override
        protected LayerProvider provider() {
            return new Scale.Provider(Defect.NONE);
        }

        @Override
        protected Map<String, ?> options() {
            return Map.of("noise", 0.3);
        }
    }

    @Nested
    class TheKitsOwnLossPassesTheLossContract extends LossContract {
        @Override
        protected LossProvider provider() {
            return new KitLoss.Provider();
        }

        @Override
        protected Matrix target(int rows, long seed) {
            return TestData.uniform(rows, outputSize(), -1, 1, seed);
        }
    }

    private static LayerContract layerContract(Defect defect) {
        return new LayerContract() {
            @Override
            protected LayerProvider provider() {
                return new Scale.Provider(defect);
            }

            @Override
            protected Map<String, ?> options() {
                return Map.of("noise", 0.3);
            }
        };
    }

    @Test
    void aWrongInputGradientFailsOnlyTheInputGradientCheck() {
        LayerContract contract = layerContract(Defect.WRONG_INPUT_GRADIENT);
        assertThatThrownBy(contract::theInputGradientAgreesWithCentralDifferences)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("input[");
        assertThatCode(contract::theParameterGradientsAgreeWithCentralDifferences)
                .doesNotThrowAnyException();
    }

    @Test
    void aWrongParameterGradientFailsTheParameterGradientCheck() {
        assertThatThrownBy(
                        layerContract(Defect.WRONG_WEIGHT_GRADIENT)::theParameterGradientsAgreeWithCentralDifferences)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("weights[");
    }

    @Test
    void settingInsteadOfAddingTheGradientIsCaught() {
        assertThatThrownBy(layerContract(Defect.SETS_GRADIENT)::backwardAddsIntoTheParameterGradients)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("after two backward passes");
    }

    @Test
    void stateCarriedFromOneBatchToTheNextIsCaught() {
        assertThatThrownBy(layerContract(Defect.LEAKS_STATE)::nothingLeaksFromOneBatchIntoTheNext)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a batch after another batch");
    }

    @Test
    void changingTheInputIsCaught() {
        assertThatThrownBy(layerContract(Defect.CHANGES_INPUT)::neitherTheInputNorTheIncomingGradientIsChanged)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the input after forward and backward");
    }

    @Test
    void randomnessNotFromTheContextIsCaught() {
        assertThatThrownBy(layerContract(Defect.OWN_RANDOMNESS)::theSameSeedGivesTheSameParametersAndOutputs)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("training");
    }

    @Test
    void noiseAtInferenceIsCaught() {
        assertThatThrownBy(layerContract(Defect.NOISE_AT_INFERENCE)::atInferenceTheSameInputAlwaysGivesTheSameOutput)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with other random draws");
    }

    @Test
    void aDefaultThatFailsItsOwnCheckIsCaught() {
        LayerContract contract = new LayerContract() {
            @Override
            protected LayerProvider provider() {
                return new Scale.Provider(Defect.NONE) {
                    @Override
                    public List<OptionSpec> options() {
                        return List.of(
                                OptionSpec.number("noise", "noise")
                                        .defaultValue(-1.0)
                                        .atLeast(0),
                                OptionSpec.bool("positive", "positive only").defaultValue(true));
                    }
                };
            }
        };
        assertThatThrownBy(contract::theTestOptionsAndEveryDefaultPassTheirOwnChecks)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("contract.scale.noise: option 'noise' must be at least 0");
    }

    @Test
    void aNameThatIsNotLowerSnakeCaseIsCaught() {
        LayerContract contract = new LayerContract() {
            @Override
            protected LayerProvider provider() {
                return new Scale.Provider(Defect.NONE) {
                    @Override
                    public String name() {
                        return "Scale";
                    }
                };
            }
        };
        assertThatThrownBy(contract::hasALowerSnakeCaseNameADescriptionAndOptionsWithUniqueNames)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("name()");
    }

    /** A loss with one defect: summing over the batch instead of averaging, or drifting from call to call. */
    private static LossContract lossContract(boolean sums, boolean drifts) {
        return new LossContract() {
            @Override
            protected LossProvider provider() {
                return new LossProvider() {
                    @Override
                    public String name() {
                        return "broken";
                    }

                    @Override
                    public String description() {
                        return "a squared error with a defect";
                    }

                    @Override
                    public Loss create(Options options) {
                        KitLoss mean = new KitLoss();
                        return new Loss() {
                            private float drift;

                            @Override
                            public float forward(Matrix output, Matrix target, Context ctx) {
                                float value = mean.forward(output, target, ctx) * (sums ? output.rows() : 1) + drift;
                                drift += drifts ? 0.25f : 0f;
                                return value;
                            }

                            @Override
                            public Matrix backward(Matrix output, Matrix target, Context ctx) {
                                Matrix g = mean.backward(output, target, ctx);
                                if (sums) {
                                    for (int i = 0; i < g.size(); i++) {
                                        g.data()[i] *= output.rows();
                                    }
                                }
                                return g;
                            }
                        };
                    }
                };
            }
        };
    }

    @Test
    void aLossSummedOverTheBatchIsCaughtThoughItsGradientIsRight() {
        LossContract contract = lossContract(true, false);
        assertThatThrownBy(contract::theLossIsTheMeanOverTheBatch)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the mean of their losses");
        assertThatCode(contract::theGradientAgreesWithCentralDifferences).doesNotThrowAnyException();
    }

    @Test
    void aLossThatDriftsFromBatchToBatchIsCaught() {
        assertThatThrownBy(lossContract(false, true)::nothingLeaksFromOneBatchIntoTheNext)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("loss of a batch after another batch");
    }

    @Test
    void theOptionChecksRejectWhatTheyShould() {
        LayerContract contract = layerContract(Defect.NONE);
        assertThatCode(contract::anUnknownOptionIsRejectedBeforeCreate).doesNotThrowAnyException();
        assertThatCode(contract::aValueOfTheWrongTypeIsRejectedForEveryOption).doesNotThrowAnyException();
        assertThat(TestRegistry.options(new Scale.Provider(Defect.NONE), Map.of(), "x")
                        .number("noise"))
                .isZero();
    }
}
