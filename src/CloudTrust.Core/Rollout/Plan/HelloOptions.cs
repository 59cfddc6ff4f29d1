namespace CloudTrust.Core.Rollout.Plan;

/// <summary>
/// Optional WHfB settings a plan may set alongside cloud trust (the plan's <c>helloSettings</c>); each null is left
/// not configured. Ranges are the PassportForWork CSP's: PIN length 4–127, expiry 0–730 days, history 0–50.
/// </summary>
/// <param name="MinimumPinLength">Minimum PIN length.</param>
/// <param name="MaximumPinLength">Maximum PIN length.</param>
/// <param name="Digits">Digits in the PIN.</param>
/// <param name="LowercaseLetters">Lowercase letters in the PIN.</param>
/// <param name="UppercaseLetters">Uppercase letters in the PIN.</param>
/// <param name="SpecialCharacters">Special characters in the PIN.</param>
/// <param name="PinExpirationDays">Days before the PIN expires (0 = never).</param>
/// <param name="PinHistory">How many previous PINs cannot be reused (0 = none).</param>
/// <param name="UseBiometrics">Whether biometric gestures may be used.</param>
/// <param name="ExcludeTpm12">Whether TPM 1.2 does not count as a security device (needs <c>requireSecurityDevice</c>).</param>
public sealed record HelloOptions(
    int? MinimumPinLength = null,
    int? MaximumPinLength = null,
    PinCharacterRule? Digits = null,
    PinCharacterRule? LowercaseLetters = null,
    PinCharacterRule? UppercaseLetters = null,
    PinCharacterRule? SpecialCharacters = null,
    int? PinExpirationDays = null,
    int? PinHistory = null,
    bool? UseBiometrics = null,
    bool? ExcludeTpm12 = null)
{
    /// <summary>The shortest PIN length the CSP allows.</summary>
    public const int PinLengthFloor = 4;

    /// <summary>The longest PIN length the CSP allows.</summary>
    public const int PinLengthCeiling = 127;

    /// <summary>The longest PIN expiry the CSP allows, in days.</summary>
    public const int MaxExpirationDays = 730;

    /// <summary>The most previous PINs the CSP remembers.</summary>
    public const int MaxHistory = 50;

    /// <summary>Gets whether nothing is set.</summary>
    public bool IsEmpty => this == new HelloOptions();
}
