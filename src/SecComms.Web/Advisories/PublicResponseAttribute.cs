namespace SecComms.Web.Advisories;

/// <summary>
/// Marks a page or endpoint of the public site: anonymous, the same for every visitor, so shared caches may keep it.
/// <see cref="PublicResponses"/> gives such responses their caching headers.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicResponseAttribute : Attribute;
