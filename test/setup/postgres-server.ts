import { afterAll } from 'vitest';
import { closeTestServer } from '../support/postgres-databases';

afterAll(closeTestServer);
