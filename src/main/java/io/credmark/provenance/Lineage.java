package io.credmark.provenance;

import java.util.List;

/**
 * Where the model comes from. Lists are never {@code null} (empty when absent); the two sub-objects are
 * {@link FineTuning#EMPTY} and {@link SafetyValidation#EMPTY} when absent.
 *
 * @param baseModels       models this one was trained or fine-tuned from
 * @param merges           ingredients of a checkpoint merge, with their ratios
 * @param adapters         LoRAs, embeddings, ControlNets and the like used by or baked into the model
 * @param datasets         training or fine-tuning data
 * @param fineTuning       how it was fine-tuned
 * @param safetyValidation how it was checked for unsafe output
 * @param credits          other people credited for their contribution
 */
public record Lineage(
        List<ModelReference> baseModels,
        List<Merge> merges,
        List<Adapter> adapters,
        List<Dataset> datasets,
        FineTuning fineTuning,
        SafetyValidation safetyValidation,
        List<Credit> credits) {

    public static final Lineage EMPTY = new Lineage(null, null, null, null, null, null, null);

    public Lineage {
        baseModels = Require.list(baseModels, "baseModels");
        merges = Require.list(merges, "merges");
        adapters = Require.list(adapters, "adapters");
        datasets = Require.list(datasets, "datasets");
        fineTuning = fineTuning == null ? FineTuning.EMPTY : fineTuning;
        safetyValidation = safetyValidation == null ? SafetyValidation.EMPTY : safetyValidation;
        credits = Require.list(credits, "credits");
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
