import { contextBridge, ipcRenderer } from 'electron';
import { createWarmlineApi } from './warmline-api';

// The only thing exposed to the page: window.warmline = { invoke, onEvent } over the contract.
contextBridge.exposeInMainWorld('warmline', createWarmlineApi(ipcRenderer));
