namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The network install URL's hint: osinfo-db's tree for the chosen OS and the mirror root it lies
/// under (the agent accepts both), else what kinds of URL the field takes.
/// </summary>
public partial class CreateGuestPage
{
    private string UrlHint => _os switch
    {
        { InstallTreeUrl: { } tree, MirrorRoot: { } root } => Texts["Source.UrlHint.TreeOrRoot", _os.Name, tree, root],
        { InstallTreeUrl: { } tree } => Texts["Source.UrlHint.Tree", _os.Name, tree],
        _ => Texts["Source.UrlHint"],
    };
}
