import { setPasswordCost } from '../../src/hub/auth/passwords';

// Hundreds of sign-ins and seeded accounts: the suite hashes at its own cheap cost. The tests of
// hashing itself set 'production' for their file.
setPasswordCost('test');
