using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest's description and tags, editable for those who may edit the guest; a refusal stays in
/// place with the agent's message and the text as typed, so nothing is lost.
/// </summary>
public partial class GuestNotesEditor
{
    private static readonly char[] TagSeparators = [',', ';', ' '];

    private GuestNotes? _shown;
    private string _description = "";
    private List<string> _tags = [];
    private string? _newTag;
    private bool _canEdit;
    private bool _saving;
    private ActionResult? _failure;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Parameter, EditorRequired]
    public GuestNotes Notes { get; set; } = GuestNotes.Empty;

    [Parameter]
    public EventCallback Changed { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    private IGuestPageGateway GuestPage { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool IsDirty => _description != _shown?.Description || !_tags.SequenceEqual(_shown?.Tags ?? []);

    protected override async Task OnParametersSetAsync()
    {
        if (Authentication is not null)
        {
            var user = (await Authentication).User;
            _canEdit = Permissions.IsAllowed(user, Permission.EditGuest);
        }

        // A re-read after someone else's save replaces the form, unless this user is mid-edit.
        if (_shown is null || (!IsDirty && !ReferenceEquals(_shown, Notes)))
        {
            Show(Notes);
        }
    }

    private void Show(GuestNotes notes)
    {
        _shown = notes;
        _description = notes.Description;
        _tags = [.. notes.Tags];
    }

    private void OnTagKeyUp(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            AddTags();
        }
    }

    private void AddTags()
    {
        foreach (var tag in (_newTag ?? "").Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!_tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                _tags.Add(tag);
            }
        }

        _newTag = "";
    }

    /// <summary>The audit log is read by administrators of any language; it names what changed plainly.</summary>
    private void RemoveTag(string tag) => _tags.Remove(tag);

    private async Task SaveAsync()
    {
        _saving = true;
        _failure = null;
        try
        {
            var notes = new GuestNotes(_description.Trim(), [.. _tags]);
            var result = await GuestPage.SetGuestNotesAsync(Guest, notes);
            if (!result.Ok)
            {
                _failure = result;
                return;
            }

            _shown = notes;
            Snackbar.Add(G["Notes.Saved", Guest.Name], Severity.Success);
            await Changed.InvokeAsync();
        }
        finally
        {
            _saving = false;
        }
    }
}
