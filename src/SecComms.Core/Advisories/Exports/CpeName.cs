using System.Text.RegularExpressions;

namespace SecComms.Core.Advisories.Exports;

/// <summary>
/// CPE 2.3 formatted names (<c>cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other</c>)
/// as a product's record keeps them: naming the product, the version left as <c>*</c> so each export fills it in.
/// </summary>
public static partial class CpeName
{
    public const string Example = "cpe:2.3:a:example:platform:*:*:*:*:*:*:*:*";

    private const int Vendor = 3;
    private const int Product = 4;
    private const int Version = 5;

    /// <summary>Why <paramref name="cpe"/> cannot name a product's versions, or null when it can.</summary>
    public static string? Problem(string cpe)
    {
        if (!Pattern().IsMatch(cpe))
        {
            return $"'{cpe}' is not a CPE 2.3 name such as {Example}.";
        }
        var parts = Components(cpe);
        if (parts[Vendor] is "*" or "-" || parts[Product] is "*" or "-")
        {
            return $"'{cpe}' must name its vendor and product, such as {Example}.";
        }
        return parts[Version] == "*" ? null : $"'{cpe}' must leave the version as *; each version is filled in where it is named, such as {Example}.";
    }

    /// <summary>The name of one version of the product: <c>15.4.6</c> in place of the <c>*</c>.</summary>
    public static string WithVersion(string cpe, string version)
    {
        var parts = Components(cpe);
        parts[Version] = Escape(version);
        return string.Join(':', parts);
    }

    /// <summary>The colon-separated components; a colon escaped with a backslash stays inside its component.</summary>
    private static List<string> Components(string cpe)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < cpe.Length; i++)
        {
            if (cpe[i] == '\\')
            {
                i++;
            }
            else if (cpe[i] == ':')
            {
                parts.Add(cpe[start..i]);
                start = i + 1;
            }
        }
        parts.Add(cpe[start..]);
        return parts;
    }

    private static string Escape(string version) =>
        string.Concat(version.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c.ToString() : "\\" + c));

    // The CPE 2.3 branch of the pattern the CSAF 2.0 schema gives product_identification_helper.cpe.
    [GeneratedRegex("""^cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#\$%&'\(\)\+,/:;<=>@\[\]\^`\{\|\}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#\$%&'\(\)\+,/:;<=>@\[\]\^`\{\|\}~]))+(\?*|\*?))|[\*\-])){4}$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
