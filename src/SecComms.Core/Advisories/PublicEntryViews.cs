namespace SecComms.Core.Advisories;

/// <summary>One published communication as the public site lists it.</summary>
/// <param name="Reference">The permanent reference ("SC-12"), also the last segment of its address.</param>
/// <param name="Category">The policy's key for its category.</param>
/// <param name="CategoryName">The category's name for readers.</param>
/// <param name="Title">The web title of the published revision.</param>
/// <param name="Summary">The short text of the published revision; empty when it has none.</param>
/// <param name="PublishedAt">When it was published; published text never changes, so this is also when it last changed.</param>
/// <param name="Facts">Its severity, products and the public entries it belongs with.</param>
public sealed record PublicEntrySummary(string Reference, string Category, string CategoryName, string Title, string Summary, DateTimeOffset PublishedAt,
    PublicFacts Facts);

/// <summary>One published communication in full, at the revision it was frozen at.</summary>
/// <param name="Id">The communication, for documents generated from the same entry (machine-readable advisories).</param>
/// <param name="Reference">The permanent reference ("SC-12").</param>
/// <param name="Category">The policy's key for its category.</param>
/// <param name="CategoryName">The category's name for readers.</param>
/// <param name="Title">The web title.</param>
/// <param name="Summary">The short text; empty when it has none.</param>
/// <param name="Body">The Markdown body as approved.</param>
/// <param name="Html">The body rendered to sanitized HTML, without an opening heading that only repeats the title.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="Revision">The revision that was approved and published.</param>
/// <param name="ContentHash">The content hash the approvals were bound to.</param>
/// <param name="Facts">Its severity, products and the public entries it belongs with.</param>
public sealed record PublicEntry(
    Guid Id,
    string Reference,
    string Category,
    string CategoryName,
    string Title,
    string Summary,
    string Body,
    string Html,
    DateTimeOffset PublishedAt,
    int Revision,
    string ContentHash,
    PublicFacts Facts);

/// <summary>A page of the public list, newest first.</summary>
/// <param name="Items">The entries on this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next, older page; null on the last page.</param>
/// <param name="LastModified">When what this page shows last changed, for HTTP caching.</param>
public sealed record PublicEntryPage(IReadOnlyList<PublicEntrySummary> Items, string? NextCursor, DateTimeOffset LastModified);

/// <summary>The newest entries in full, for a feed.</summary>
/// <param name="Entries">Newest first.</param>
/// <param name="Updated">When the feed last changed: its newest publication, or the policy in force coming into force if later.</param>
public sealed record PublicFeed(IReadOnlyList<PublicEntry> Entries, DateTimeOffset Updated);

/// <summary>What the public list may be filtered by: only what public entries name.</summary>
/// <param name="Products">The products public advisories name, in alphabetical order.</param>
/// <param name="Years">From the year of the newest publication back to the oldest's.</param>
public sealed record PublicFilterChoices(IReadOnlyList<string> Products, IReadOnlyList<int> Years);
