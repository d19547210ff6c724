"""The recipe (spec.ts) in PyTorch, timed as child.ts times mlpkit's.

Run by runner.ts with /usr/bin/python3 and the thread environment BENCHMARKING.md asks for;
reads one JSON spec from argv[1] and prints one JSON result on stdout. Batches are cut from
tensors held in memory with a new permutation each epoch (PyTorch's fastest path here; a
DataLoader would only add overhead to its side).
"""
import json, os, sys, time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'w1'))
from torch_w1 import read_idx  # noqa: E402  (one IDX reader for every PyTorch workload)


def load(images, labels):
    x = torch.from_numpy(read_idx(images).reshape(-1, 784).astype(np.float32)) / 127.5 - 1
    return x, torch.from_numpy(read_idx(labels).astype(np.int64))


def he_linear(inputs, outputs):
    layer = torch.nn.Linear(inputs, outputs)
    torch.nn.init.kaiming_normal_(layer.weight, mode='fan_in', nonlinearity='relu')
    torch.nn.init.zeros_(layer.bias)
    return layer


def main():
    spec = json.loads(sys.argv[1])
    recipe = spec['recipe']
    torch.set_num_threads(spec['threads'])
    torch.manual_seed(recipe['seed'])
    x_train, y_train = load(spec['trainImages'], spec['trainLabels'])
    x_test, y_test = load(spec['testImages'], spec['testLabels'])
    layers, inputs = [], 784
    for width in recipe['hidden']:
        layers += [he_linear(inputs, width), torch.nn.BatchNorm1d(width), torch.nn.ReLU(), torch.nn.Dropout(recipe['dropout'])]
        inputs = width
    model = torch.nn.Sequential(*layers, he_linear(inputs, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=recipe['lr'])
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=spec['epochs'])
    loss_fn = torch.nn.CrossEntropyLoss()
    batch, count = recipe['batch'], len(x_train)
    epoch_seconds, last_loss = [], float('nan')
    for _ in range(spec['epochs']):
        model.train()
        loss_sum, steps = 0.0, 0
        t0 = time.perf_counter()
        perm = torch.randperm(count)
        for start in range(0, count, batch):
            idx = perm[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            steps += 1
        scheduler.step()
        epoch_seconds.append(time.perf_counter() - t0)
        last_loss = loss_sum / steps
    model.eval()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    ordered = sorted(epoch_seconds)
    print(json.dumps({
        'system': 'PyTorch', 'threads': spec['threads'], 'version': torch.__version__,
        'epochSeconds': epoch_seconds, 'secondsPerEpoch': ordered[len(ordered) // 2],
        'lastLoss': last_loss, 'testAccuracy': accuracy,
    }))


if __name__ == '__main__':
    main()
