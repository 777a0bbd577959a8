using SecComms.Core.Data;
using SecComms.Core.Errors;

namespace SecComms.Web.Hosting;

/// <summary>Reads an enum from a query parameter as the JSON bodies spell it (kebab-case), or refuses it naming the parameter.</summary>
internal static class QueryEnum
{
    public static TEnum? Parse<TEnum>(string? value, string parameter) where TEnum : struct, Enum =>
        value is null ? null
        : KebabNames.TryParse<TEnum>(value, out var parsed) ? parsed
        : throw ValidationException.For(parameter, $"Unknown {parameter} '{value}'; one of: {KebabNames.List<TEnum>()}.");
}
