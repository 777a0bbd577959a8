using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SecComms.Web.Pages.Audit;

/// <summary>How the audit pages write an event's instant, hashes and data.</summary>
internal static class AuditDisplay
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>To the millisecond, as the event is hashed.</summary>
    public static string Exact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    public static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    /// <summary>The event's data indented for reading; as stored if it is not JSON (the hash covers the stored text, never this).</summary>
    public static string Pretty(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return data;
        }
    }

    /// <summary>A <c>datetime-local</c> value read as UTC, as every form of the site takes times.</summary>
    public static DateTimeOffset? Utc(DateTime? local) => local is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;

    public static string? Local(DateTime? at) => at?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
