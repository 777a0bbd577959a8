using System.Text;
using System.Xml;

namespace SecComms.Core.Advisories;

/// <summary>Where a feed lives and what it is called; every address absolute.</summary>
/// <param name="Title">The feed's title.</param>
/// <param name="Author">Who publishes it, named on the feed for every entry.</param>
/// <param name="Self">The feed's own address, also its id.</param>
/// <param name="Alternate">The HTML page that lists the same entries.</param>
/// <param name="EntryAddress">The HTML page of one entry, also the entry's id.</param>
public sealed record AtomFeedInfo(string Title, string Author, Uri Self, Uri Alternate, Func<PublicEntry, Uri> EntryAddress);

/// <summary>Writes public entries as an Atom 1.0 feed (RFC 4287).</summary>
/// <remarks>
/// Ids are the entries' permanent addresses: references are never reused and published text never changes, so a
/// reader sees each entry once. The body goes in as the same sanitized HTML the entry's page shows.
/// </remarks>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";
    public const string MediaType = "application/atom+xml";

    public static byte[] Write(PublicFeed feed, AtomFeedInfo info)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteElementString("id", Namespace, info.Self.AbsoluteUri);
            xml.WriteElementString("title", Namespace, info.Title);
            xml.WriteElementString("updated", Namespace, Rfc3339.Format(feed.Updated));
            Link(xml, "self", MediaType, info.Self);
            Link(xml, "alternate", "text/html", info.Alternate);
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, info.Author);
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
            {
                Entry(xml, entry, info.EntryAddress(entry));
            }
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    private static void Entry(XmlWriter xml, PublicEntry entry, Uri address)
    {
        xml.WriteStartElement("entry", Namespace);
        xml.WriteElementString("id", Namespace, address.AbsoluteUri);
        xml.WriteElementString("title", Namespace, entry.Title);
        xml.WriteElementString("updated", Namespace, Rfc3339.Format(entry.PublishedAt));
        xml.WriteElementString("published", Namespace, Rfc3339.Format(entry.PublishedAt));
        Link(xml, "alternate", "text/html", address);
        xml.WriteStartElement("category", Namespace);
        xml.WriteAttributeString("term", entry.Category);
        xml.WriteAttributeString("label", entry.CategoryName);
        xml.WriteEndElement();
        if (entry.Summary.Length > 0)
        {
            xml.WriteElementString("summary", Namespace, entry.Summary);
        }
        xml.WriteStartElement("content", Namespace);
        xml.WriteAttributeString("type", "html");
        xml.WriteString(entry.Html);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string type, Uri href)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }
}
