using System.Text.Json;
using SecComms.Core.Errors;

namespace SecComms.Web.Hosting;

/// <summary>Reads an enum from a query parameter as the JSON bodies spell it (kebab-case), or refuses it naming the parameter.</summary>
internal static class QueryEnum
{
    public static TEnum? Parse<TEnum>(string? value, string parameter) where TEnum : struct, Enum =>
        value is null ? null
        : Names<TEnum>.ByName.TryGetValue(value, out var parsed) ? parsed
        : throw ValidationException.For(parameter, $"Unknown {parameter} '{value}'; one of: {string.Join(", ", Names<TEnum>.ByName.Keys)}.");

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
    }
}
