using System.Globalization;
using SecComms.Core.Errors;

namespace SecComms.Core.Audit;

/// <summary>
/// The chain's latest event, written <c>SEQ:HASH</c>. Kept somewhere SecComms cannot change, it anchors the chain: a later
/// verification against it shows whether events were cut from the end or the chain rewritten.
/// </summary>
public sealed record AuditHead(long Seq, string Hash)
{
    public const string Format = "SEQ:HASH, the sequence number and the 64 hex digits of its hash as 'seccomms audit head' prints it";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seq}:{Hash}");

    public static bool TryParse(string? text, out AuditHead head)
    {
        head = new AuditHead(0, "");
        var parts = text?.Trim().Split(':');
        if (parts is not [var seq, var hash]
            || !long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1
            || hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        head = new AuditHead(number, hash.ToLowerInvariant());
        return true;
    }

    /// <summary>Reads <paramref name="text"/> given as <paramref name="field"/>, or refuses it naming the format.</summary>
    public static AuditHead Parse(string? text, string field) =>
        TryParse(text, out var head) ? head : throw ValidationException.For(field, $"{field} must be {Format}, such as 42:{new string('0', 64)}.");
}
