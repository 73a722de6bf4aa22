
namespace WebVirt.Domain.Validation;

/// <summary>
/// How a guest is made from a cloud image: its new disk (the guest's <see cref="NewVolumePlan"/>)
/// is a copy of <paramref name="ImagePath"/> or a qcow2 overlay on it, and the NoCloud seed built
/// from <paramref name="CloudInit"/> goes into <paramref name="SeedPool"/> as <paramref name="SeedVolumeName"/>.
/// </summary>
/// <param name="ImageFormat">libvirt's name of the image's format (qcow2 or raw).</param>
public sealed record CloudImagePlan(
    string ImagePath,
    string ImageFormat,
    bool Linked,
    string SeedPool,
    string SeedVolumeName,
    string SeedPath,
    ValidatedCloudInit CloudInit)
{
    /// <summary>The seed volume's name for guest <paramref name="guestName"/>.</summary>
    public static string SeedVolumeNameOf(string guestName) => $"{guestName}-cidata.iso";
}
