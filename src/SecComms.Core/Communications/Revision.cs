using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecComms.Core.Communications;

/// <summary>The full text of a communication at one moment. Never changed once written.</summary>
public sealed class Revision
{
    public Guid CommunicationId { get; init; }
    public int Number { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required string EmailSubject { get; init; }
    public required string EmailBody { get; init; }
    public required string ShortText { get; init; }
    public string SupportFaq { get; init; } = "";
    public required string ContentHash { get; init; }
    public string? Note { get; init; }
    public Guid AuthorId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public CommunicationContent Content => new(Title, Body, EmailSubject, EmailBody, ShortText, SupportFaq);
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.ToTable("revisions");
        builder.HasKey(r => new { r.CommunicationId, r.Number });
        builder.HasOne<Communication>().WithMany().HasForeignKey(r => r.CommunicationId);
        builder.Property(r => r.Title).HasMaxLength(ContentLimits.Title);
        builder.Property(r => r.EmailSubject).HasMaxLength(ContentLimits.EmailSubject);
        builder.Property(r => r.ShortText).HasMaxLength(ContentLimits.ShortText);
        builder.Property(r => r.SupportFaq).HasDefaultValue("");
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.Property(r => r.Note).HasMaxLength(ContentLimits.Note);
        builder.Ignore(r => r.Content);
    }
}
