using System.Text.Json;

namespace SecComms.Core.Data;

/// <summary>Enum values as the API, the CSV files and the audit trail spell them: kebab-case, such as <c>self-managed</c>.</summary>
public static class KebabNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Reads a kebab-case name, ignoring case.</summary>
    public static bool TryParse<TEnum>(string name, out TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByName.TryGetValue(name, out value);

    /// <summary>A name already checked, such as one stored by this code.</summary>
    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum => Names<TEnum>.ByName[name];

    /// <summary>Every name, for error messages: "self-managed, saas".</summary>
    public static string List<TEnum>() where TEnum : struct, Enum => string.Join(", ", Names<TEnum>.ByName.Keys);

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);
    }
}
