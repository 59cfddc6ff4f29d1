namespace CloudTrust.Core.Precedence;

/// <summary>The value a setting ends up with on a ring's devices, and the source it comes from.</summary>
/// <param name="Setting">The setting.</param>
/// <param name="Value">The value, or null when nothing configures it.</param>
/// <param name="Winner">The source whose value applies, or null.</param>
/// <param name="Shadowed">Sources that set it too but lose.</param>
public sealed record EffectiveSetting(HelloSetting Setting, bool? Value, HelloSource? Winner, IReadOnlyList<HelloSource> Shadowed);
