using System.Globalization;
using System.Text.Json;
using CloudTrust.Core.Validation;

namespace CloudTrust.Core.Rollout.Plan;

/// <summary>Reads and range-checks a plan's <c>helloSettings</c> object.</summary>
internal static class HelloOptionsReader
{
    private static readonly string[] Known =
    [
        "minimumPinLength", "maximumPinLength", "digits", "lowercaseLetters", "uppercaseLetters", "specialCharacters",
        "pinExpirationDays", "pinHistory", "useBiometrics", "excludeTpm12",
    ];

    public static HelloOptions? Read(JsonElement root, bool requireSecurityDevice, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("helloSettings", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("helloSettings", "must be an object"));
            return null;
        }

        foreach (var property in element.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new ValidationError($"helloSettings.{property.Name}", $"unknown setting (known: {string.Join(", ", Known)})"));
        }

        var min = Integer(element, "minimumPinLength", HelloOptions.PinLengthFloor, HelloOptions.PinLengthCeiling, errors);
        var max = Integer(element, "maximumPinLength", HelloOptions.PinLengthFloor, HelloOptions.PinLengthCeiling, errors);
        if (min is not null && max is not null && min > max)
        {
            errors.Add(new ValidationError("helloSettings.maximumPinLength", $"must not be less than minimumPinLength ({min})"));
        }

        var excludeTpm12 = Bool(element, "excludeTpm12", errors);
        if (excludeTpm12 == true && !requireSecurityDevice)
        {
            errors.Add(new ValidationError("helloSettings.excludeTpm12", "needs requireSecurityDevice: true (it narrows which security devices count)"));
        }

        return new HelloOptions(
            min,
            max,
            Rule(element, "digits", errors),
            Rule(element, "lowercaseLetters", errors),
            Rule(element, "uppercaseLetters", errors),
            Rule(element, "specialCharacters", errors),
            Integer(element, "pinExpirationDays", 0, HelloOptions.MaxExpirationDays, errors),
            Integer(element, "pinHistory", 0, HelloOptions.MaxHistory, errors),
            Bool(element, "useBiometrics", errors),
            excludeTpm12);
    }

    private static int? Integer(JsonElement parent, string name, int low, int high, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= low && number <= high)
        {
            return number;
        }

        errors.Add(new ValidationError($"helloSettings.{name}", string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {low} to {high}")));
        return null;
    }

    private static bool? Bool(JsonElement parent, string name, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new ValidationError($"helloSettings.{name}", "must be true or false"));
        return null;
    }

    private static PinCharacterRule? Rule(JsonElement parent, string name, List<ValidationError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind == JsonValueKind.String ? value.GetString() : null)
        {
            case "allowed":
                return PinCharacterRule.Allowed;
            case "required":
                return PinCharacterRule.Required;
            case "disallowed":
                return PinCharacterRule.Disallowed;
            default:
                errors.Add(new ValidationError($"helloSettings.{name}", "must be \"allowed\", \"required\" or \"disallowed\""));
                return null;
        }
    }
}
