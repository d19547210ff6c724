"""W1 (BENCHMARKING.md) in PyTorch, with the same timing protocol as protocol.ts.

Run by torch-runner.ts with /usr/bin/python3 and the thread environment BENCHMARKING.md asks
for; reads one JSON spec from argv[1] and prints one JSON result on stdout.
"""
import gzip, json, resource, sys, time

import numpy as np
import torch

WARMUP_STEPS = 8
INFERENCE_BATCH = 1024


def read_idx(path):
    raw = open(path, 'rb').read()
    if raw[:2] == b'\x1f\x8b':
        raw = gzip.decompress(raw)
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    spec = json.loads(sys.argv[1])
    torch.set_num_threads(spec['threads'])
    torch.manual_seed(0)
    count = spec.get('limit') or 60000
    images = read_idx(spec['images'])[:count]
    labels = read_idx(spec['labels'])[:count]
    x_all = torch.from_numpy(images.reshape(len(images), 784).astype(np.float32)) / 127.5 - 1
    y_all = torch.from_numpy(labels.astype(np.int64))
    count = len(x_all)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=spec['lr'])
    loss_fn = torch.nn.CrossEntropyLoss()

    def run_steps(batch, epoch, max_steps):
        g = torch.Generator().manual_seed(1000 * batch + epoch)
        perm = torch.randperm(count, generator=g)
        steps, loss_sum = 0, 0.0
        t0 = time.perf_counter()
        for start in range(0, count, batch):
            if steps >= max_steps:
                break
            idx = perm[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x_all[idx]), y_all[idx])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            steps += 1
        return steps, time.perf_counter() - t0, loss_sum

    epochs = []
    for plan in spec['plans']:
        batch = plan['batch']
        run_steps(batch, 0, WARMUP_STEPS)
        if plan['epochs'] > 0:
            times, loss_sum, steps = [], 0.0, 0
            for e in range(1, plan['epochs'] + 1):
                s, t, l = run_steps(batch, e, float('inf'))
                times.append(t); loss_sum += l; steps += s
            times.sort()
            epochs.append({'batch': batch, 'seconds': times[len(times) // 2], 'method': 'epochs', 'count': plan['epochs'], 'loss': loss_sum / steps})
        else:
            s, t, l = run_steps(batch, 1, plan['steps'])
            per_epoch = -(-count // batch)
            epochs.append({'batch': batch, 'seconds': t / s * per_epoch, 'method': 'steps', 'count': s, 'loss': l / s})

    batches = count // INFERENCE_BATCH
    with torch.no_grad():
        model(x_all[:INFERENCE_BATCH])
        images_done, b = 0, 0
        t0 = time.perf_counter()
        while True:
            start = (b % batches) * INFERENCE_BATCH
            model(x_all[start:start + INFERENCE_BATCH])
            b += 1
            images_done += INFERENCE_BATCH
            if time.perf_counter() - t0 >= spec['inferenceSeconds']:
                break
        ips = images_done / (time.perf_counter() - t0)

    print(json.dumps({
        'system': 'PyTorch', 'threads': spec['threads'], 'version': torch.__version__, 'epochs': epochs,
        'inferenceImagesPerSecond': ips,
        'peakRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == '__main__':
    main()
