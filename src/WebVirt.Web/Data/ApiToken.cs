namespace WebVirt.Web.Data;

/// <summary>
/// A named API token of one user. Only the SHA-256 of its secret is kept, so the table alone cannot
/// be used to call the API; <see cref="PublicId"/> finds the row without comparing secrets in SQL.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 64;
    public const int PublicIdLength = 16;
    public const int AddressMaxLength = 64;

    public Guid Id { get; set; }

    /// <summary>The token's non-secret part, written into the token itself (wvt_&lt;public id&gt;_&lt;secret&gt;).</summary>
    public string PublicId { get; set; } = "";

    /// <summary>SHA-256 of the secret part.</summary>
    public byte[] SecretHash { get; set; } = [];

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>One of <see cref="Api.ApiTokenScope"/>, by name.</summary>
    public string Scope { get; set; } = "";

    /// <summary>Whether the token may also read /metrics (every host's and guest's figures), whatever its scope.</summary>
    public bool Metrics { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string? LastUsedAddress { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
