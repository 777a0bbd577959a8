using System.Text.Json;
using SecComms.Core.Errors;

namespace SecComms.Web.Hosting;

/// <summary>Reads an enum from a query parameter as the JSON bodies spell it (kebab-case), or refuses it naming the parameter.</summary>
internal static class QueryEnum
{
    public static TEnum? Parse<TEnum>(string? value, string parameter) where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }
        var names = Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
        return names.TryGetValue(value.Trim(), out var parsed)
            ? parsed
            : throw ValidationException.For(parameter, $"Unknown {parameter} '{value}'; one of: {string.Join(", ", names.Keys)}.");
    }
}
