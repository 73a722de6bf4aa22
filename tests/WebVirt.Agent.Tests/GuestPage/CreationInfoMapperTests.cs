using System.Text.Json;
using WebVirt.Agent.Guests;
using WebVirt.Contracts;
using WebVirt.Agent.LocalState;
using WebVirt.Domain.Definition;

namespace WebVirt.Agent.Tests.GuestPage;

public sealed class CreationInfoMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(GuestSourceKind.IsoVolume, "iso", "/pool/os.iso")]
    [InlineData(GuestSourceKind.NetworkInstall, "url", "https://deb.debian.org/debian/dists/bookworm/main/installer-amd64/")]
    [InlineData(GuestSourceKind.ImportDisk, "import", "/pool/os.iso")]
    [InlineData(GuestSourceKind.Pxe, "pxe", null)]
    public void A_create_record_names_its_source_kind_and_source(GuestSourceKind source, string kind, string? expected)
    {
        var spec = new GuestSpecDto
        {
            Source = source,
            SourcePath = "/pool/os.iso",
            InstallUrl = "https://deb.debian.org/debian/dists/bookworm/main/installer-amd64/",
            OsVariant = "debian11",
        };

        GuestCreationInfo info = CreationInfoMapper.From(Record("create", JsonSerializer.Serialize(spec, Web)));

        Assert.Equal(new GuestCreationInfo(kind, expected, "debian11", "alice", At), info);
    }

    [Fact]
    public void A_clone_record_names_the_guest_it_was_cloned_from() =>
        Assert.Equal(
            new GuestCreationInfo("clone", "0b5c7f56-31d3-4a8e-8d0e-1f2a3b4c5d6e", null, "alice", At),
            CreationInfoMapper.From(Record("clone", JsonSerializer.Serialize(new CloneGuestRequest("0b5c7f56-31d3-4a8e-8d0e-1f2a3b4c5d6e", "copy", false, "alice"), Web))));

    [Fact]
    public void A_record_whose_request_cannot_be_read_still_says_who_made_the_guest_and_when() =>
        Assert.Equal(new GuestCreationInfo("create", null, null, "alice", At), CreationInfoMapper.From(Record("create", "{not json")));

    [Fact]
    public void The_guests_own_metadata_stands_in_for_a_missing_record() =>
        Assert.Equal(
            new GuestCreationInfo("url", null, "debian11", "bob", At),
            CreationInfoMapper.From(new WebVirtMetadata(SourceKinds.NetworkInstall, "debian11", "bob", At, null, false)));

    private static LocalCreationRecord Record(string kind, string json) =>
        new() { GuestUuid = "u", GuestName = "g", Kind = kind, SpecJson = json, CreatedBy = "alice", CreatedAt = At };
}
