// Test classes run two at a time (xunit.runner.json), as most of them wait on guests and libvirtd.
// What must not overlap shares a collection and so runs one after another: the migration scenes
// with their extra libvirt hosts (ExtraHostsCollection), classes that share a fixture
// (ProvisioningCollection, GuestPageCollection) or pick free host subnets (HostNetworksCollection).
// No test restarts the system libvirtd (the restart test has an extra host of its own).
