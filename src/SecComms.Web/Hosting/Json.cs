using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecComms.Web.Hosting;

/// <summary>One JSON shape for the API, the CLI and the tests: camelCase, enums as kebab-case words, unknown fields refused.</summary>
public static class Json
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        return options;
    }
}
