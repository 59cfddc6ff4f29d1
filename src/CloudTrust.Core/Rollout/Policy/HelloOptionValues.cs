using CloudTrust.Core.Rollout.Plan;

namespace CloudTrust.Core.Rollout.Policy;

/// <summary>The optional WHfB settings a plan's <see cref="HelloOptions"/> sets, each with its value; unset options are left out (not configured).</summary>
public static class HelloOptionValues
{
    private const string PinComplexity = WhfbSettingIds.Root + "_policies_pincomplexity_";

    /// <summary>Minimum PIN length (4–127).</summary>
    public static readonly HelloOptionSetting MinimumPinLength = new(PinComplexity + "minimumpinlength", "{tenant}/Policies/PINComplexity/MinimumPINLength", HelloValueKind.Integer);

    /// <summary>Maximum PIN length (4–127).</summary>
    public static readonly HelloOptionSetting MaximumPinLength = new(PinComplexity + "maximumpinlength", "{tenant}/Policies/PINComplexity/MaximumPINLength", HelloValueKind.Integer);

    /// <summary>Digits in the PIN.</summary>
    public static readonly HelloOptionSetting Digits = new(PinComplexity + "digits", "{tenant}/Policies/PINComplexity/Digits", HelloValueKind.CharacterRule);

    /// <summary>Lowercase letters in the PIN.</summary>
    public static readonly HelloOptionSetting LowercaseLetters = new(PinComplexity + "lowercaseletters", "{tenant}/Policies/PINComplexity/LowercaseLetters", HelloValueKind.CharacterRule);

    /// <summary>Uppercase letters in the PIN.</summary>
    public static readonly HelloOptionSetting UppercaseLetters = new(PinComplexity + "uppercaseletters", "{tenant}/Policies/PINComplexity/UppercaseLetters", HelloValueKind.CharacterRule);

    /// <summary>Special characters in the PIN.</summary>
    public static readonly HelloOptionSetting SpecialCharacters = new(PinComplexity + "specialcharacters", "{tenant}/Policies/PINComplexity/SpecialCharacters", HelloValueKind.CharacterRule);

    /// <summary>Days before the PIN expires (0–730, 0 never).</summary>
    public static readonly HelloOptionSetting Expiration = new(PinComplexity + "expiration", "{tenant}/Policies/PINComplexity/Expiration", HelloValueKind.Integer);

    /// <summary>Previous PINs that cannot be reused (0–50).</summary>
    public static readonly HelloOptionSetting History = new(PinComplexity + "history", "{tenant}/Policies/PINComplexity/History", HelloValueKind.Integer);

    /// <summary>TPM 1.2 does not count as a security device.</summary>
    public static readonly HelloOptionSetting ExcludeTpm12 = new(WhfbSettingIds.Root + "_policies_excludesecuritydevices_tpm12", "{tenant}/Policies/ExcludeSecurityDevices/TPM12", HelloValueKind.Boolean);

    /// <summary>Biometric gestures may be used (a top-level setting, not under the tenant's group collection).</summary>
    public static readonly HelloOptionSetting UseBiometrics = new("device_vendor_msft_passportforwork_biometrics_usebiometrics", "Biometrics/UseBiometrics", HelloValueKind.Boolean);

    /// <summary>Lists the settings <paramref name="options"/> sets, in a fixed order.</summary>
    /// <param name="options">The plan's optional settings, or null.</param>
    /// <returns>Each set setting with its value (booleans as 0/1, character rules as their CSP number).</returns>
    public static IReadOnlyList<(HelloOptionSetting Setting, int Value)> Of(HelloOptions? options)
    {
        if (options is null)
        {
            return [];
        }

        var values = new List<(HelloOptionSetting, int?)>
        {
            (MinimumPinLength, options.MinimumPinLength),
            (MaximumPinLength, options.MaximumPinLength),
            (Digits, (int?)options.Digits),
            (LowercaseLetters, (int?)options.LowercaseLetters),
            (UppercaseLetters, (int?)options.UppercaseLetters),
            (SpecialCharacters, (int?)options.SpecialCharacters),
            (Expiration, options.PinExpirationDays),
            (History, options.PinHistory),
            (ExcludeTpm12, options.ExcludeTpm12 is { } tpm ? (tpm ? 1 : 0) : null),
            (UseBiometrics, options.UseBiometrics is { } biometrics ? (biometrics ? 1 : 0) : null),
        };
        return [.. values.Where(v => v.Item2 is not null).Select(v => (v.Item1, v.Item2!.Value))];
    }

    private static readonly HelloOptionSetting[] All =
        [MinimumPinLength, MaximumPinLength, Digits, LowercaseLetters, UppercaseLetters, SpecialCharacters, Expiration, History, ExcludeTpm12, UseBiometrics];

    /// <summary>Gets whether a catalog setting id is a PIN character rule (options <c>_0</c> allowed, <c>_1</c> required, <c>_2</c> disallowed).</summary>
    /// <param name="catalogId">The setting definition id.</param>
    /// <returns>True for digits, lowercase and uppercase letters and special characters.</returns>
    public static bool IsCharacterRule(string catalogId) => KindOf(catalogId) == HelloValueKind.CharacterRule;

    /// <summary>Gets whether a catalog setting id is one of the simple integer settings (its flattened value is a number, not an option id).</summary>
    /// <param name="catalogId">The setting definition id.</param>
    /// <returns>True for PIN lengths, expiry and history.</returns>
    public static bool IsInteger(string catalogId) => KindOf(catalogId) == HelloValueKind.Integer;

    private static HelloValueKind? KindOf(string catalogId)
        => All.FirstOrDefault(s => string.Equals(s.CatalogId, catalogId, StringComparison.OrdinalIgnoreCase))?.Kind;
}
