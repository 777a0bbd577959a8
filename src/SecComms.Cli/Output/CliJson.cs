using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecComms.Cli.Output;

/// <summary>The API's JSON shape (camelCase, enums as kebab-case words), read tolerantly and written for people and scripts.</summary>
internal static class CliJson
{
    /// <remarks>Unknown fields are ignored so that an older CLI keeps working against a newer server.</remarks>
    public static readonly JsonSerializerOptions Read = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    });

    internal static readonly JsonSerializerOptions Written = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    internal static readonly JsonSerializerOptions Line = new(Written) { WriteIndented = false };

    public static void Write<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Written));

    /// <summary>Writes <paramref name="value"/> on one line, for output that is a stream of JSON objects, one a line (NDJSON).</summary>
    public static void WriteLine<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Line));

    private static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }
}
