using System.Net;
using System.Net.Sockets;
using Frontline.Host;

namespace Frontline.Tests.Infrastructure;

/// <summary>
/// A loopback relay in front of Azurite's blob, queue and table ports that a test can cut and restore. From a
/// host's side storage stops answering (open connections are reset, new ones are reset on arrival) and comes
/// back, while Azurite itself keeps every byte it had: the outage is the network's, as it would be in Azure.
/// </summary>
public sealed class StorageLink : IAsyncDisposable
{
    private readonly Relay[] _relays;

    private StorageLink(Relay[] relays) => _relays = relays;

    /// <summary>Storage as a host behind the link sees it.</summary>
    public LocalAzurite Endpoint => LocalAzurite.Existing(_relays[0].Port, _relays[1].Port, _relays[2].Port);

    public static StorageLink Start(LocalAzurite azurite) =>
        new([new Relay(azurite.BlobPort), new Relay(azurite.QueuePort), new Relay(azurite.TablePort)]);

    public void Cut()
    {
        foreach (var relay in _relays)
        {
            relay.Cut();
        }
    }

    public void Restore()
    {
        foreach (var relay in _relays)
        {
            relay.Restore();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            await relay.DisposeAsync();
        }
    }

    private sealed class Relay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int _target;
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _gate = new();
        private readonly List<TcpClient> _open = [];
        private readonly Task _accepting;
        private bool _cut;

        public Relay(int target)
        {
            _target = target;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Cut()
        {
            lock (_gate)
            {
                _cut = true;
                foreach (var client in _open)
                {
                    Reset(client);
                }

                _open.Clear();
            }
        }

        public void Restore()
        {
            lock (_gate)
            {
                _cut = false;
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient incoming;
                try
                {
                    incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                _ = Task.Run(() => PipeAsync(incoming));
            }
        }

        private async Task PipeAsync(TcpClient incoming)
        {
            var outgoing = new TcpClient();
            lock (_gate)
            {
                if (_cut)
                {
                    Reset(incoming);
                    outgoing.Dispose();
                    return;
                }

                _open.Add(incoming);
                _open.Add(outgoing);
            }

            try
            {
                await outgoing.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                using var pump = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = incoming.GetStream().CopyToAsync(outgoing.GetStream(), pump.Token);
                var down = outgoing.GetStream().CopyToAsync(incoming.GetStream(), pump.Token);
                await Task.WhenAny(up, down);
                await pump.CancelAsync();
            }
            catch (Exception)
            {
                // A reset or a cut ends the pipe; the host sees the failure, which is the point.
            }
            finally
            {
                lock (_gate)
                {
                    _open.Remove(incoming);
                    _open.Remove(outgoing);
                }

                incoming.Dispose();
                outgoing.Dispose();
            }
        }

        private static void Reset(TcpClient client)
        {
            try
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
            }
            catch (Exception)
            {
                // Already gone.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            Cut();
            await _accepting;
            _stop.Dispose();
        }
    }
}
