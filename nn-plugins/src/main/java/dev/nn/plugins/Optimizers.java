package dev.nn.plugins;

import dev.nn.api.Spec;
import dev.nn.plugins.optim.AdamSpec;
import dev.nn.plugins.optim.RmspropSpec;
import dev.nn.plugins.optim.SgdSpec;

/**
 * The built-in optimizers for the Java builder: {@code .optimizer(sgd(0.1).momentum(0.9))}.
 *
 * <p>Each factory returns a spec naming the provider ({@code sgd}, {@code adam}, {@code rmsprop})
 * with the options set; it is resolved and checked through the plugin registry like the same
 * optimizer written in YAML. Options not set take the provider's defaults.
 */
public final class Optimizers {
    private Optimizers() {}

    /**
     * {@return stochastic gradient descent with learning rate {@code lr}; add {@code momentum}, {@code nesterov}, {@code weightDecay}, {@code dampening}}
     *
     * @param lr the learning rate
     */
    public static SgdSpec sgd(double lr) {
        return new SgdSpec(lr);
    }

    /** {@return Adam with its defaults (lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8)} */
    public static AdamSpec adam() {
        return new AdamSpec();
    }

    /**
     * {@return Adam with learning rate {@code lr}}
     *
     * @param lr the learning rate
     */
    public static AdamSpec adam(double lr) {
        return new AdamSpec().lr(lr);
    }

    /**
     * {@return RMSprop with learning rate {@code lr}; add {@code rho}, {@code eps}, {@code momentum}, {@code centered}}
     *
     * @param lr the learning rate
     */
    public static RmspropSpec rmsprop(double lr) {
        return new RmspropSpec(lr);
    }

    /**
     * {@return AdamW: Adam with decoupled weight decay, as PyTorch's AdamW (the betas and eps at their defaults)}
     *
     * @param lr          the learning rate
     * @param weightDecay the decoupled decay: each step multiplies the weights by {@code 1 - lr * weightDecay}
     */
    public static Spec adamw(double lr, double weightDecay) {
        return Spec.of("adamw").with("lr", lr).with("weight_decay", weightDecay);
    }

    /**
     * {@return Adagrad with learning rate {@code lr}, as PyTorch's Adagrad (add {@code eps}, {@code lr_decay}, {@code weight_decay}, {@code initial_accumulator_value} with {@link Spec#with})}
     *
     * @param lr the learning rate
     */
    public static Spec adagrad(double lr) {
        return Spec.of("adagrad").with("lr", lr);
    }

    /**
     * {@return NAdam with learning rate {@code lr}, as PyTorch's NAdam (add {@code beta1}, {@code beta2}, {@code eps}, {@code weight_decay}, {@code momentum_decay} with {@link Spec#with})}
     *
     * @param lr the learning rate
     */
    public static Spec nadam(double lr) {
        return Spec.of("nadam").with("lr", lr);
    }
}
